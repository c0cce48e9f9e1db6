import { createRoot } from 'react-dom/client';

function App() {
  return <p>Pilot Pathway</p>;
}

const container = document.getElementById('root');
if (container) createRoot(container).render(<App />);

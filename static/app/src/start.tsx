import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { enableHostTheming } from './bridge';
import { applyTheme } from './theme';

export function start(container: HTMLElement): void {
  void applyTheme(enableHostTheming);
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

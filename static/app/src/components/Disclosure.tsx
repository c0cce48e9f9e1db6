import { useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that shows and hides a form below it (aria-expanded + aria-controls). Closing from inside
 * (Cancel, a successful submit) puts focus back on the button, so keyboard users do not lose their place.
 */
export function Disclosure({
  label,
  onOpen,
  children,
}: {
  label: string;
  onOpen?: () => void;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const regionId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="disclosure">
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        {label}
      </button>
      <div id={regionId} hidden={!open}>
        {open ? children(close) : null}
      </div>
    </div>
  );
}

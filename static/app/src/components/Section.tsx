import { useId, type ReactNode } from 'react';

/** A titled region of the panel; the heading names the region for screen-reader navigation. */
export function Section({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const headingId = useId();
  return (
    <section className={className ? `section ${className}` : 'section'} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

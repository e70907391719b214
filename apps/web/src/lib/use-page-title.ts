import { useEffect } from 'react';

/** Each page names itself in the tab and for screen readers (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Kvalitetsledning`;
    const announcer = document.getElementById('sidannons');
    if (announcer) announcer.textContent = title;
  }, [title]);
}

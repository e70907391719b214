import { Card, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';

const IDLE_FALLBACK_MS = 2500;

/**
 * A section below the fold, rendered (and its data fetched) when it comes near the screen, or once
 * the page has settled and the browser is idle, so the first screen of a long page is interactive quickly on a
 * phone (issue 21: Översikt under 2 s). Until then it holds its heading, so the page's outline and
 * the links to it are there from the start.
 */
export function LazySection({
  title,
  waitFor = true,
  children,
}: {
  title: string;
  /** False while the first screen is still loading: its requests go first (the api has few cores). */
  waitFor?: boolean;
  children: ReactNode;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || !waitFor) return;
    const show = () => setShown(true);
    const element = placeholder.current;
    const observer =
      element && 'IntersectionObserver' in window
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), {
            rootMargin: '200px 0px',
          })
        : null;
    if (element) observer?.observe(element);
    // After the first screen has settled, the rest follows when the browser has nothing else to do.
    let idle: number | undefined;
    const timer = window.setTimeout(() => {
      if ('requestIdleCallback' in window) idle = window.requestIdleCallback(show, { timeout: 2000 });
      else show();
    }, IDLE_FALLBACK_MS);
    return () => {
      observer?.disconnect();
      window.clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [shown, waitFor]);
  if (shown) return <>{children}</>;
  return (
    <Card withBorder padding="md" ref={placeholder} mih={120} aria-busy="true">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        Hämtas när du kommer hit…
      </Text>
    </Card>
  );
}

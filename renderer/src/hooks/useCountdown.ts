import { useEffect, useState } from 'react';

/** Milliseconds left until `deadline` (epoch ms), never below zero, updated every second. */
export function useCountdown(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, deadline - now);
}

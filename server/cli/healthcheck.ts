// Asks a running Gatehouse whether it is up: for systemd, Docker and uptime checks.
export async function healthcheck(url: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

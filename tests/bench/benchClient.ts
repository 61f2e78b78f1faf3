// The one app both servers know: a confidential client (client_secret_basic) that the driver signs in to.
export const BENCH_CLIENT = {
  id: 'bench-app',
  secret: 'bench-secret-0123456789abcdefghijklmnop',
  redirectUri: 'http://localhost:8080/cb',
} as const;

/** The robot both servers know: a machine client whose client credentials tokens are JWTs for one audience. */
export const BENCH_ROBOT = {
  id: 'bench-robot',
  secret: 'bench-robot-secret-0123456789abcdefghij',
  audience: 'https://registry.bench.example',
  scope: 'registry:push',
} as const;

/** The host of the protected app the forward-auth phase checks requests for (Gatehouse only; the bare server allows anything). */
export const FORWARD_AUTH_HOST = 'media.bench.example';

/** What a server child prints as its one line on stdout once it listens. */
export interface ServerReady {
  issuer: string;
  port: number;
  pid: number;
}

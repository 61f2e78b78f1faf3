// When this server was built (into dist/server by build/buildServer.ts, which puts the time in here); null
// while it runs from the sources.
export const BUILT_AT: string | null = null;

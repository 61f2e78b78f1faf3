// The algorithms Gatehouse signs ID tokens with: RS256 first (the default most apps expect), ES256
// beside it for clients that ask for it.
export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

// The provider's own outgoing request helper (not in its public types): it sets the SSRF-protected
// dispatcher, then calls the configured `fetch`. Tests call it to fetch exactly as the provider does.
declare module 'oidc-provider/lib/helpers/fetch_request.js' {
  import type Provider from 'oidc-provider';
  export default function fetchRequest(provider: Provider, url: string, options: RequestInit): Promise<Response>;
}

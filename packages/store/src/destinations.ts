/**
 * Whether a URL may be stored as a source to fetch or a webhook receiver: null when the SSRF
 * guard would try it, else why not (said to the caller, on the `url` field). The repositories
 * ask it before writing a URL, so the API, the command line and seeds all follow one rule; the
 * implementation is the fetcher's own guard with the operator's allowlist
 * (`destinationRefusal` in @tickerwire/ingest), handed in by whoever builds the repositories.
 */
export type DestinationCheck = (url: string) => Promise<string | null>;

/** For a process given no policy (the pipeline stages never store URLs): it stores no URL at all. */
export const refuseEveryDestination: DestinationCheck = async () =>
  'this process cannot store sources or subscriptions (it was not given the private-network policy)';

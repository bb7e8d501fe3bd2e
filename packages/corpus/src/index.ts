export { FetchError, fetchTota, TOTA_ARCHIVE } from './fetch.ts';
export { type ManifestEntry, ManifestError, readManifest } from './manifest.ts';
export { agreementMeta } from './metadata.ts';

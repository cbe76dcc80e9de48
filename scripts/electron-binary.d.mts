/** `{ path }` of a runnable Electron, or `{ reason }` saying why there is none. */
export function findElectronBinary():
  { path: string; reason?: undefined } | { path?: undefined; reason: string };

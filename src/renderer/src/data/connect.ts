import { getApi } from '../api/client';

/** Opens the transport once at start: the browser host's token leaves the address bar before the router reads it. */
export function connectApi(): void {
  getApi();
}

import type { LMCache } from "./cache/lm-cache.js";
import type { ProviderFactory, ProviderRegistration } from "../lm/provider-registration.js";

/**
 * The process-wide state the clients layer owns: registered providers, their loaded code and the default response
 * cache. Private to `clients/`, reached only through `clientsRoot()`; nothing outside this folder holds it.
 */
export interface ClientsRoot {
  /** Provider registrations by `provider/` prefix. */
  readonly providers: Map<string, ProviderRegistration>;
  /** Providers' code, loaded or loading, by the registration's `load` function (registrations may share one). */
  readonly factories: Map<ProviderRegistration["load"], ProviderFactory | Promise<ProviderFactory>>;
  /** The default response cache, created on first use. */
  defaultCache: LMCache | null;
}

const root: ClientsRoot = { providers: new Map(), factories: new Map(), defaultCache: null };

/** The clients layer's process-wide state. */
export function clientsRoot(): ClientsRoot {
  return root;
}

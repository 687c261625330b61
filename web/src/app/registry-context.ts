import { createContext, useContext } from 'react';
import type { Registry } from './registry';

export const RegistryContext = createContext<Registry | null>(null);

export function useRegistry(): Registry {
  const r = useContext(RegistryContext);
  if (!r) throw new Error('useRegistry outside App');
  return r;
}

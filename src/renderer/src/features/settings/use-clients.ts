/**
 * 店铺与客户's data and actions: clients (甲方), shops with their client and aliases, the rename/merge log and the
 * import history (last import per shop). Every query reloads after a data change (an import brings new shops) and
 * after each of the changes made here (mutations).
 */
import { useCallback, useMemo } from 'react';
import type { ClientInfo, ShopInfo, ShopLogEntry, ShopMergeSummary } from '../../../../shared/clients';
import type { ImportBatchInfo } from '../../../../shared/imports';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';

export interface ClientsData {
  clients: ClientInfo[];
  shops: ShopInfo[];
  log: ShopLogEntry[];
}

type Done<T = null> = { ok: true; data: T } | { ok: false; error: string };

export interface ClientsApi {
  data: ClientsData | null;
  history: ImportBatchInfo[] | null;
  error: string | null;
  saveClient: (c: { id?: number; name: string; note?: string | null }) => Promise<Done<{ id: number }>>;
  deleteClient: (id: number) => Promise<Done>;
  assignClient: (shopId: number, clientId: number | null) => Promise<Done>;
  renameShop: (shopId: number, name: string) => Promise<Done<{ name: string }>>;
  mergePreview: (fromId: number, intoId: number) => Promise<Done<ShopMergeSummary>>;
  merge: (fromId: number, intoId: number) => Promise<Done<ShopMergeSummary>>;
}

/** An API answer as a value the modals show: the data, or the Chinese message. */
function done<T>(r: { ok: true; data: T } | { ok: false; error: { message: string } }): Done<T> {
  return r.ok ? { ok: true, data: r.data } : { ok: false, error: r.error.message };
}

export function useClients(): ClientsApi {
  const clients = useApiQuery('clients:list', {});
  const shops = useApiQuery('shops:list', {});
  const history = useApiQuery('import:history', {});
  const save = useApiMutation('clients:save');
  const remove = useApiMutation('clients:delete');
  const assign = useApiMutation('shops:assignClient');
  const rename = useApiMutation('shops:rename');
  const preview = useApiCall('shops:mergePreview');
  const mergeCall = useApiMutation('shops:merge');

  const data = useMemo(
    (): ClientsData | null =>
      clients.data && shops.data
        ? { clients: clients.data, shops: shops.data.shops, log: shops.data.log }
        : null,
    [clients.data, shops.data],
  );
  return {
    data,
    history: history.data,
    error: clients.error?.message ?? shops.error?.message ?? history.error?.message ?? null,
    saveClient: useCallback(async (c) => done(await save(c)), [save]),
    deleteClient: useCallback(
      async (id) => {
        const r = done(await remove({ id }));
        return r.ok ? { ok: true, data: null } : r;
      },
      [remove],
    ),
    assignClient: useCallback(
      async (shopId, clientId) => {
        const r = done(await assign({ shop_id: shopId, client_id: clientId }));
        return r.ok ? { ok: true, data: null } : r;
      },
      [assign],
    ),
    renameShop: useCallback(async (shopId, name) => done(await rename({ shop_id: shopId, name })), [rename]),
    mergePreview: useCallback(
      async (fromId, intoId) => done(await preview({ from_id: fromId, into_id: intoId })),
      [preview],
    ),
    merge: useCallback(
      async (fromId, intoId) => done(await mergeCall({ from_id: fromId, into_id: intoId })),
      [mergeCall],
    ),
  };
}

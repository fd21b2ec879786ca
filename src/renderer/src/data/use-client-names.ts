/** The clients' (甲方) names, for the screens that offer a client (考核方案's scope, 月度绩效表's 客户版). */
import { useMemo } from 'react';
import { useApiQuery } from './use-api-query';

export function useClientNames(): string[] {
  const q = useApiQuery('clients:list', {});
  return useMemo(() => (q.data ?? []).map((c) => c.name), [q.data]);
}

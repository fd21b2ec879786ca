import type { ReactNode } from 'react';
import { agentHref } from './agent-route';
import { useAgentId } from './use-agent-ids';

/** An agent's name that opens their page (客服, 中差评, 考试预警, 总览); a click does not also select or expand the row. */
export function AgentLink({
  id,
  name,
  month,
  className,
  label,
}: {
  id: number | null | undefined;
  name: string;
  month?: string | null;
  className?: string;
  /** shown instead of the name (考试预警's 个人页 beside the name that opens the history drawer) */
  label?: string;
}): ReactNode {
  if (!id) return <span className={className}>{name}</span>;
  return (
    <a
      href={agentHref(id, month ?? hashMonth())}
      className={['sd-agent-link', className].filter(Boolean).join(' ')}
      onClick={(e) => e.stopPropagation()}
      data-testid="agent-link"
      title={`查看 ${name} 的个人页`}
    >
      {label ?? name}
    </a>
  );
}

/** The screen's month when the address carries one (`#/ratings?month=2026-10`). */
function hashMonth(): string | null {
  const q = window.location.hash.indexOf('?');
  const m = q < 0 ? null : new URLSearchParams(window.location.hash.slice(q + 1)).get('month');
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
}

/** An agent known only by name (中差评 rows): linked when the roster has exactly one agent of that name. */
export function AgentNameLink({ name, className }: { name: string; className?: string }): ReactNode {
  const id = useAgentId(name);
  return <AgentLink id={id} name={name} className={className} />;
}

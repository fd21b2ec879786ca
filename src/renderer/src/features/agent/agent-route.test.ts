import { describe, expect, it } from 'vitest';
import { agentHref, parseAgentHash } from './agent-route';

describe('agent page address', () => {
  it('round-trips the id and the month', () => {
    expect(agentHref(5, '2026-10')).toBe('#/agent/5?month=2026-10');
    expect(parseAgentHash(agentHref(5, '2026-10'))).toEqual({ id: 5, month: '2026-10' });
    expect(parseAgentHash('#/agent/12')).toEqual({ id: 12, month: null });
  });
  it('refuses a bad id and drops a bad month', () => {
    expect(parseAgentHash('#/agent/0')).toBeNull();
    expect(parseAgentHash('#/agent/abc')).toBeNull();
    expect(parseAgentHash('#/scorecards')).toBeNull();
    expect(parseAgentHash('#/agent/3?month=2026-13')).toEqual({ id: 3, month: null });
  });
});

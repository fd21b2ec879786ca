import { describe, expect, it } from 'vitest';
import { ENGINE_RULES } from './engine/rule-defaults';
import { ruleNameZh, ruleSinceZh, ruleSourceZh } from './rule-names';
import { DEFAULT_RULES } from './rules';
import { RULE_KEYS } from './settings';

describe('rule names for the lead', () => {
  it('names every rule key the app seeds or offers in Chinese, never as its key', () => {
    const keys = new Set(
      [...DEFAULT_RULES, ...ENGINE_RULES].map((r) => r.key).concat(RULE_KEYS.map((k) => k.key)),
    );
    for (const key of keys) {
      const zh = ruleNameZh(key);
      expect(zh, key).not.toMatch(/[a-z_]{3,}\.[a-z_]{3,}/);
      expect(zh, key).not.toBe('其他规则');
    }
    expect(ruleNameZh('threshold.reply_3min_rate')).toBe('考核线：3分钟人工回复率');
    expect(ruleNameZh('exam.deadline_days')).toBe('考试截止天数（通知后几天内须考到 100 分）');
    expect(ruleNameZh('threshold.nonsense')).toBe('其他考核线');
    expect(ruleNameZh('new.key')).toBe('其他规则');
  });

  it('turns every built-in source into plain Chinese and keeps the lead’s own text', () => {
    for (const r of [...DEFAULT_RULES, ...ENGINE_RULES]) {
      const zh = ruleSourceZh(r.source);
      expect(zh, r.source).not.toMatch(/seed|configurable|default|notice|rules/i);
    }
    expect(ruleSourceZh('seed 003 黄金6秒')).toBe('平台公开规则：黄金6秒');
    expect(ruleSourceZh('seed 003')).toBe('平台公开规则');
    expect(ruleSourceZh('seeds 000, 002')).toBe('平台公开规则');
    expect(ruleSourceZh('seed 002 (商户使用智能机器人…同样纳入)')).toBe(
      '平台公开规则：商户使用智能机器人…同样纳入',
    );
    expect(ruleSourceZh('seed 000 (2023-06-30 notice)')).toBe('平台公告（2023-06-30）');
    expect(ruleSourceZh('JD 2021-12 notice (configurable default)')).toBe('京东平台公告（2021-12）');
    expect(ruleSourceZh('configurable default')).toBe('系统默认值（可按合同修改）');
    expect(ruleSourceZh('手工修改')).toBe('手工修改');
    expect(ruleSourceZh('客户合同约定')).toBe('客户合同约定');
    expect(ruleSourceZh(null)).toBe('手动设置');
    expect(ruleSourceZh('  ')).toBe('手动设置');
  });

  it('reads the seeds’ start date as 一直有效', () => {
    expect(ruleSinceZh('2000-01-01')).toBe('一直有效');
    expect(ruleSinceZh('2023-06-30')).toBe('2023-06-30');
  });
});

import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { FileResult } from '../../../../shared/imports';
import {
  EMPTY_OPTIONS,
  addPicked,
  filesToOpen,
  importDoneMessage,
  matchResults,
  pickedFrom,
  previewState,
  progressPercent,
  toApiOptions,
  type Outcome,
  type Picked,
} from './import-preview';

function file(name: string, size = 10, folderPath = ''): File {
  const f = new File([new Uint8Array(size)], name, { lastModified: 1_700_000_000_000 });
  if (folderPath) Object.defineProperty(f, 'webkitRelativePath', { value: folderPath });
  return f;
}

function result(name: string, over: Partial<FileResult> = {}): FileResult {
  return {
    file: name,
    status: 'previewed',
    layout: 'douyin_classic',
    layout_zh: '抖音 飞鸽客服数据（经典版）',
    platform: 'douyin',
    shop: '星河旗舰店',
    period: { from: '2026-10-01', to: '2026-10-31', source: 'column' },
    rows: { read: 100, accepted: 98, rejected: 2, new: 98, updated: 0, unchanged: 0 },
    rejections: [],
    conflicts: [],
    accounts: ['星河旗舰店:小满'],
    message: '',
    batch_id: null,
    ...over,
  };
}

const a = pickedFrom(file('a.csv'));
const b = pickedFrom(file('b.xlsx', 20));
const c = pickedFrom(file('c.xlsx', 30));

describe('picking files', () => {
  it('keys a file by its path, size and time, and a file in a folder by its path inside it', () => {
    expect(a.uid).toBe('a.csv|10|1700000000000');
    const inFolder = pickedFrom(file('a.csv', 10, '十月/a.csv'));
    expect(inFolder.path).toBe('十月/a.csv');
    expect(inFolder.uid).not.toBe(a.uid);
  });

  it('replaces a file dropped again under the same path and keeps the others in order', () => {
    const newer = pickedFrom(file('a.csv', 99));
    const list = addPicked(addPicked([a], b), newer);
    expect(list.map((p) => p.uid)).toEqual([b.uid, 'a.csv|99|1700000000000']);
  });
});

describe('toApiOptions', () => {
  it('sends only what the lead set, the shop trimmed and the period as China days', () => {
    expect(toApiOptions(EMPTY_OPTIONS, true)).toEqual({ dryRun: true });
    expect(
      toApiOptions(
        {
          strict: true,
          force: false,
          platform: 'kuaishou',
          shop: '  快乐小店 ',
          period: [dayjs('2026-10-01'), dayjs('2026-10-15')],
        },
        false,
      ),
    ).toEqual({
      dryRun: false,
      strict: true,
      platform: 'kuaishou',
      shop: '快乐小店',
      period: { from: '2026-10-01', to: '2026-10-15' },
    });
  });
});

describe('matchResults', () => {
  it('pairs results by position, and by name when the back end answered in another order', () => {
    const out = matchResults([a, b], [result('b.xlsx'), result('a.csv')], 'preview');
    expect(out[a.uid]!.result.file).toBe('a.csv');
    expect(out[b.uid]!.result.file).toBe('b.xlsx');
    expect(out[a.uid]!.kind).toBe('preview');
  });
});

describe('previewState', () => {
  const outcomes: Record<string, Outcome> = {
    [a.uid]: { kind: 'preview', result: result('a.csv') },
    [b.uid]: {
      kind: 'preview',
      result: result('b.xlsx', {
        period: { from: '2026-10-04', to: '2026-10-04', source: 'file_name' },
        rows: { read: 1300, accepted: 1296, rejected: 4, new: 0, updated: 0, unchanged: 1296 },
      }),
    },
    [c.uid]: {
      kind: 'preview',
      result: result('c.xlsx', {
        status: 'failed',
        period: null,
        rows: { read: 0, accepted: 0, rejected: 0, new: 0, updated: 0, unchanged: 0 },
      }),
    },
  };

  it('adds the rows of every file, keeps failed files out and waits for 已核对 of a period from the file name', () => {
    const s = previewState([a, b, c], outcomes, new Set(), 'ready');
    expect(s.totals).toEqual({ read: 1400, accepted: 1394, rejected: 6 });
    expect(s.importable.map((f) => f.file.name)).toEqual(['a.csv', 'b.xlsx']);
    expect(s.failed.map((f) => f.file.name)).toEqual(['c.xlsx']);
    expect(s.unconfirmed.map((f) => f.file.name)).toEqual(['b.xlsx']);
    expect(s.allPreviewed).toBe(true);
    expect(s.canImport).toBe(false);
    expect(previewState([a, b, c], outcomes, new Set([b.uid]), 'ready').canImport).toBe(true);
    expect(previewState([a, b, c], outcomes, new Set([b.uid]), 'previewing').canImport).toBe(false);
  });

  it('asks no 已核对 for a file that will be skipped as already imported', () => {
    const skipped: Record<string, Outcome> = {
      [b.uid]: { kind: 'preview', result: { ...outcomes[b.uid]!.result, status: 'skipped' } },
    };
    const s = previewState([b], skipped, new Set(), 'ready');
    expect(s.needsConfirm).toEqual([]);
    expect(s.canImport).toBe(true);
  });

  it('cannot import before every file is previewed, or when every file failed', () => {
    expect(previewState([a, b], { [a.uid]: outcomes[a.uid]! }, new Set(), 'ready').canImport).toBe(false);
    expect(previewState([c], outcomes, new Set(), 'ready').canImport).toBe(false);
    expect(previewState([], {}, new Set(), 'ready').allPreviewed).toBe(false);
  });
});

describe('filesToOpen', () => {
  it('opens at most three files with rejected rows or conflicts, none when more than five files', () => {
    const files: Picked[] = [1, 2, 3, 4].map((n) => pickedFrom(file(`f${n}.csv`)));
    const outcomes: Record<string, Outcome> = Object.fromEntries(
      files.map((f) => [f.uid, { kind: 'preview' as const, result: result(f.file.name) }]),
    );
    expect(filesToOpen(files, outcomes)).toHaveLength(3);
    const clean = result('f1.csv', { rows: { ...result('x').rows, rejected: 0 } });
    expect(filesToOpen([files[0]!], { [files[0]!.uid]: { kind: 'preview', result: clean } })).toEqual([]);
    const six = [...files, a, b];
    expect(filesToOpen(six, outcomes)).toEqual([]);
  });
});

describe('after the import', () => {
  it('says how many files imported, were skipped and failed', () => {
    expect(importDoneMessage([result('a', { status: 'imported' })])).toEqual({
      text: '导入完成：成功 1 个',
      warn: false,
    });
    expect(
      importDoneMessage([
        result('a', { status: 'imported' }),
        result('b', { status: 'skipped' }),
        result('c', { status: 'failed' }),
      ]),
    ).toEqual({ text: '导入完成：成功 1 个，跳过 1 个，失败 1 个', warn: true });
  });

  it('shows progress as a whole percentage, 0 while the total is unknown', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 5, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 7, total: 5 })).toBe(100);
  });
});

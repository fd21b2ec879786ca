/**
 * The 导入 screen's flow: pick files → preview (a dry-run import job, again whenever the files or the options change)
 * → confirm → import (a job with progress and 取消). The newest preview wins: an older one still running is
 * cancelled and its answer dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from 'antd';
import type { Input as ApiInput } from '../../../../shared/api';
import { runImportJob, type JobProgress } from '../../data/jobs';
import { useApiCall } from '../../data/use-api-mutation';
import {
  EMPTY_OPTIONS,
  addPicked,
  filesToOpen,
  importDoneMessage,
  matchResults,
  pickedFrom,
  previewState,
  toApiOptions,
  type Options,
  type Outcome,
  type Phase,
  type Picked,
  type PreviewState,
} from './import-preview';

type FileInputs = ApiInput<'import:start'>['files'];

async function readFiles(files: Picked[]): Promise<FileInputs> {
  return Promise.all(
    files.map(async (f) => ({ name: f.file.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })),
  );
}

export interface ImportFlow extends PreviewState {
  files: Picked[];
  options: Options;
  setOptions: (update: (o: Options) => Options) => void;
  phase: Phase;
  busy: boolean;
  progress: JobProgress | null;
  runError: string | null;
  confirmed: ReadonlySet<string>;
  setConfirmed: (uid: string, on: boolean) => void;
  confirmAll: () => void;
  expanded: string[];
  setExpanded: (keys: string[]) => void;
  /** an import job is running and can be cancelled */
  cancellable: boolean;
  addFile: (file: File) => void;
  removeFile: (uid: string) => void;
  clearAll: () => void;
  /** previews again now (重新预览, after a column mapping was saved) */
  repreview: () => void;
  startImport: () => Promise<void>;
  cancelImport: () => Promise<void>;
}

export function useImportFlow(): ImportFlow {
  const cancelJob = useApiCall('job:cancel');
  const { message } = App.useApp();
  const [files, setFiles] = useState<Picked[]>([]);
  const [options, setOptionsState] = useState<Options>(EMPTY_OPTIONS);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [runError, setRunError] = useState<string | null>(null);
  const [confirmed, setConfirmedSet] = useState<Set<string>>(() => new Set());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const seq = useRef(0);
  const previewJob = useRef<string | null>(null);

  const cancelPreview = useCallback((): void => {
    const stale = previewJob.current;
    if (stale) void cancelJob({ jobId: stale });
    previewJob.current = null;
  }, [cancelJob]);

  const runPreview = useCallback(
    async (my: number, snapshot: Picked[], opts: Options): Promise<void> => {
      cancelPreview();
      setPhase('previewing');
      setRunError(null);
      setProgress(null);
      let inputs: FileInputs;
      try {
        inputs = await readFiles(snapshot);
      } catch (e) {
        if (my !== seq.current) return;
        setRunError(`读取文件失败：${String(e)}`);
        setPhase('idle');
        return;
      }
      if (my !== seq.current) return;
      const r = await runImportJob(
        { files: inputs, options: toApiOptions(opts, true) },
        (p) => {
          if (my === seq.current) setProgress(p);
        },
        (id) => {
          if (my === seq.current) previewJob.current = id;
        },
      );
      if (my !== seq.current) return;
      previewJob.current = null;
      setProgress(null);
      if (!r.ok) {
        setRunError(r.error.message);
        setPhase('idle');
        return;
      }
      const next = matchResults(snapshot, r.data.files, 'preview');
      setOutcomes(next);
      setExpanded(filesToOpen(snapshot, next));
      setPhase('ready');
    },
    [cancelPreview],
  );

  // preview again whenever the files or the options change (debounced: typing a shop name)
  useEffect(() => {
    if (files.length === 0) return;
    const my = ++seq.current;
    const t = setTimeout(() => void runPreview(my, files, options), 350);
    return () => clearTimeout(t);
  }, [files, options, runPreview]);

  const clearAll = useCallback((): void => {
    seq.current++;
    cancelPreview();
    setFiles([]);
    setOutcomes({});
    setConfirmedSet(new Set());
    setExpanded([]);
    setRunError(null);
    setProgress(null);
    setPhase('idle');
  }, [cancelPreview]);

  const addFile = useCallback((file: File): void => {
    setFiles((prev) => addPicked(prev, pickedFrom(file)));
    setPhase((p) => (p === 'done' ? 'idle' : p));
  }, []);

  const removeFile = (uid: string): void => {
    const next = files.filter((p) => p.uid !== uid);
    if (next.length === 0) clearAll();
    else setFiles(next);
  };

  const state = useMemo(
    () => previewState(files, outcomes, confirmed, phase),
    [files, outcomes, confirmed, phase],
  );

  const startImport = async (): Promise<void> => {
    const snapshot = files.filter((f) => state.importable.some((i) => i.uid === f.uid));
    const my = ++seq.current;
    setPhase('importing');
    setRunError(null);
    setProgress(null);
    setJobId(null);
    let inputs: FileInputs;
    try {
      inputs = await readFiles(snapshot);
    } catch (e) {
      setRunError(`读取文件失败：${String(e)}`);
      setPhase('ready');
      return;
    }
    const r = await runImportJob(
      { files: inputs, options: toApiOptions(options, false) },
      setProgress,
      setJobId,
    );
    setJobId(null);
    setProgress(null);
    if (my !== seq.current) return;
    if (!r.ok) {
      setRunError(r.error.message);
      setPhase('ready');
      return;
    }
    const next = matchResults(snapshot, r.data.files, 'import');
    setOutcomes((prev) => ({ ...prev, ...next }));
    setPhase('done');
    const done = importDoneMessage(Object.values(next).map((o) => o.result));
    if (done.warn) message.warning(done.text);
    else message.success(done.text);
  };

  const cancelImport = async (): Promise<void> => {
    if (!jobId) return;
    const r = await cancelJob({ jobId });
    if (r.ok && r.data.cancelled) message.info('正在取消导入…');
  };

  return {
    ...state,
    files,
    options,
    setOptions: setOptionsState,
    phase,
    busy: phase === 'importing',
    progress,
    runError,
    confirmed,
    setConfirmed: (uid, on) =>
      setConfirmedSet((prev) => {
        const next = new Set(prev);
        if (on) next.add(uid);
        else next.delete(uid);
        return next;
      }),
    confirmAll: () => setConfirmedSet(new Set(state.needsConfirm.map((f) => f.uid))),
    expanded,
    setExpanded,
    cancellable: jobId !== null,
    addFile,
    removeFile,
    clearAll,
    repreview: () => {
      const my = ++seq.current;
      void runPreview(my, files, options);
    },
    startImport,
    cancelImport,
  };
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';

interface VersionedDocumentOptions<Document, Saved, Drafts, Body> {
  /** The document as last read; the form starts from its drafts. */
  document: Document;
  queryKey: readonly unknown[];
  fetchDocument: () => Promise<Document>;
  /** The PUT of a new version; the api answers with it (and sometimes more, e.g. what changed with it). */
  saveDocument: (body: Body) => Promise<Saved>;
  draftsOf: (document: Document) => Drafts;
  bodyOf: (drafts: Drafts, version: number) => Body;
}

/**
 * A form over a settings document that the api versions (saved with the version it was read at): the
 * drafts being edited, their save with its field errors, and — when someone else saved first (409) —
 * a reload of the newest version that throws the drafts away.
 */
export function useVersionedDocumentDrafts<
  Document extends { version: number },
  Saved extends Document,
  Drafts,
  Body,
>({
  document,
  queryKey,
  fetchDocument,
  saveDocument,
  draftsOf,
  bodyOf,
}: VersionedDocumentOptions<Document, Saved, Drafts, Body>) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(document));
  const save = useMutation({
    mutationFn: saveDocument,
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, saved);
      setDrafts(draftsOf(saved));
    },
  });
  const errors = save.error instanceof ApiError ? save.error.errors : [];
  const stale = save.error instanceof ApiError && save.error.status === 409;

  async function reload() {
    const fresh = await queryClient.fetchQuery({ queryKey, queryFn: fetchDocument, staleTime: 0 });
    setDrafts(draftsOf(fresh));
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(bodyOf(drafts, document.version));
  }

  return { drafts, setDrafts, save, errors, stale, reload, submit };
}

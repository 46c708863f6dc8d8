import { inject, Injectable } from '@angular/core';
import {
  Contact,
  ContactInput,
  DocumentInput,
  FaqEntry,
  FaqInput,
  PlanningDocument,
  PlanningInformation,
  UploadedFile,
  VariantInput,
  WorkspaceVariant,
} from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { PlannerHttp } from './planner-http';

const id = encodeURIComponent;

/** The kinds of planning information and the path segment each is set up under. */
export const INFORMATION_PATHS = { document: 'documents', faq: 'faq', contact: 'contacts' } as const;
export type InformationKind = keyof typeof INFORMATION_PATHS;
export interface InformationInputs {
  document: DocumentInput;
  faq: FaqInput;
  contact: ContactInput;
}
export interface InformationEntries {
  document: PlanningDocument;
  faq: FaqEntry;
  contact: Contact;
}

/** The planner endpoints for a procedure's variants, uploads, documents, FAQ and contacts (managers write, moderators read). */
@Injectable({ providedIn: 'root' })
export class VariantWorkspaceApi {
  private readonly http = inject(PlannerHttp);

  private setup(procedureId: string): string {
    return `/procedures/${id(procedureId)}/setup`;
  }

  variants(procedureId: string): Observable<WorkspaceVariant[]> {
    return this.http.get<WorkspaceVariant[]>(`${this.setup(procedureId)}/variants`);
  }

  createVariant(procedureId: string, variant: VariantInput): Observable<WorkspaceVariant> {
    return this.http.post<WorkspaceVariant>(`${this.setup(procedureId)}/variants`, variant);
  }

  /** Replaces the whole variant with `variant`. */
  replaceVariant(procedureId: string, variantId: string, variant: VariantInput): Observable<WorkspaceVariant> {
    return this.http.put<WorkspaceVariant>(`${this.setup(procedureId)}/variants/${id(variantId)}`, variant);
  }

  deleteVariant(procedureId: string, variantId: string): Observable<void> {
    return this.http.delete(`${this.setup(procedureId)}/variants/${id(variantId)}`);
  }

  uploads(procedureId: string): Observable<UploadedFile[]> {
    return this.http.get<UploadedFile[]>(`${this.setup(procedureId)}/uploads`);
  }

  /** An image (re-encoded by the server) or a PDF, as multipart/form-data field "file". */
  upload(procedureId: string, file: Blob, name: string): Observable<UploadedFile> {
    const form = new FormData();
    form.append('file', file, name);
    return this.http.post<UploadedFile>(`${this.setup(procedureId)}/uploads`, form);
  }

  information(procedureId: string): Observable<PlanningInformation> {
    return this.http.get<PlanningInformation>(`${this.setup(procedureId)}/information`);
  }

  addInformation<K extends InformationKind>(procedureId: string, kind: K, input: InformationInputs[K]): Observable<InformationEntries[K]> {
    return this.http.post<InformationEntries[K]>(`${this.setup(procedureId)}/${INFORMATION_PATHS[kind]}`, input);
  }

  replaceInformation<K extends InformationKind>(
    procedureId: string, kind: K, entryId: string, input: InformationInputs[K],
  ): Observable<InformationEntries[K]> {
    return this.http.put<InformationEntries[K]>(`${this.setup(procedureId)}/${INFORMATION_PATHS[kind]}/${id(entryId)}`, input);
  }

  removeInformation(procedureId: string, kind: InformationKind, entryId: string): Observable<void> {
    return this.http.delete(`${this.setup(procedureId)}/${INFORMATION_PATHS[kind]}/${id(entryId)}`);
  }
}

import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequireProcedureRole } from '@stadtdialog/api/access';
import { ProblemException, TableKeyAccepted } from '@stadtdialog/api/http';
import { DataSource } from 'typeorm';
import { TableKeyGuard } from './table-key.guard';
import { TableKeys } from './table-keys';

class Routes {
  @TableKeyAccepted() write(): void { /* a participant write */ }
  read(): void { /* a public read */ }
  other(): void { /* an unmarked write */ }
  @RequireProcedureRole('manager') planner(): void { /* a planner endpoint */ }
}

const KEY = 'k'.repeat(43);

function guardWith(row: Record<string, unknown> | undefined) {
  const keys = { hash: (secret: string) => Buffer.from(secret) } as unknown as TableKeys;
  const dataSource = { query: jest.fn(async () => (row ? [row] : [])) } as unknown as DataSource;
  return new TableKeyGuard(new Reflector(), dataSource, keys);
}

function context(handler: keyof Routes, request: { method: string; headers: Record<string, string>; params?: Record<string, string> }) {
  const full = { params: {}, ...request };
  return {
    context: {
      getType: () => 'http',
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => full }),
    } as unknown as ExecutionContext,
    request: full as typeof full & { tableWorkshop?: unknown },
  };
}

async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return [error.getStatus(), error.title];
    throw error;
  }
  throw new Error('not refused');
}

const ACTIVE = { id: 'w1', procedure_id: 'p1', slug: 'werkstatt', revoked: false, expired: false, not_public: false };

describe('TableKeyGuard', () => {
  it('lets requests without a table key pass without looking anything up', async () => {
    const guard = guardWith(undefined);
    const { context: ctx, request } = context('planner', { method: 'POST', headers: {} });
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(request.tableWorkshop).toBeUndefined();
  });

  it('hands the workshop to a marked write and to public reads of the table\'s procedure', async () => {
    const guard = guardWith(ACTIVE);
    const write = context('write', { method: 'POST', headers: { 'x-table-key': KEY }, params: { slug: 'werkstatt' } });
    await expect(guard.canActivate(write.context)).resolves.toBe(true);
    expect(write.request.tableWorkshop).toEqual({ id: 'w1', procedureId: 'p1', procedureSlug: 'werkstatt' });
    const read = context('read', { method: 'GET', headers: { 'x-table-key': KEY }, params: { slug: 'werkstatt' } });
    await expect(guard.canActivate(read.context)).resolves.toBe(true);
  });

  it('refuses planner endpoints, unmarked writes and other procedures with 403', async () => {
    const guard = guardWith(ACTIVE);
    const headers = { 'x-table-key': KEY };
    expect(await refusal(guard.canActivate(context('planner', { method: 'GET', headers }).context))).toEqual([403, 'Not allowed with a table link']);
    expect(await refusal(guard.canActivate(context('other', { method: 'POST', headers }).context))).toEqual([403, 'Not allowed with a table link']);
    const elsewhere = context('write', { method: 'POST', headers, params: { slug: 'anderswo' } });
    expect(await refusal(guard.canActivate(elsewhere.context))).toEqual([403, 'Not allowed with a table link']);
  });

  it('answers an unknown or malformed key with 401, a revoked or expired one with 410', async () => {
    const headers = { 'x-table-key': KEY };
    expect(await refusal(guardWith(undefined).canActivate(context('write', { method: 'POST', headers }).context))).toEqual([401, 'Table link invalid']);
    const malformed = context('write', { method: 'POST', headers: { 'x-table-key': 'kurz' } });
    expect(await refusal(guardWith(ACTIVE).canActivate(malformed.context))).toEqual([401, 'Table link invalid']);
    const revoked = guardWith({ ...ACTIVE, revoked: true });
    expect(await refusal(revoked.canActivate(context('read', { method: 'GET', headers }).context))).toEqual([410, 'Table link revoked']);
    const expired = guardWith({ ...ACTIVE, expired: true });
    expect(await refusal(expired.canActivate(context('read', { method: 'GET', headers }).context))).toEqual([410, 'Table link expired']);
  });
});

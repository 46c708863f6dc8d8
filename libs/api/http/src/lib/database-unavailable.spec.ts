import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a server shutting down', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['a server starting up', { code: '57P03', message: 'the database system is starting up' }],
    ['a statement past its time bound', { code: '57014', message: 'canceling statement due to statement timeout' }],
    ['a connection failure', { code: '08006', message: 'connection failure' }],
    ['a refused connection', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['a dropped connection without SQLSTATE', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping a dropped connection', { message: 'x', driverError: new Error('Connection terminated unexpectedly') }],
    ['TypeORM finding the failed connection released', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
    ['TypeORM finding the transaction\'s connection released', Object.assign(new Error('Database connection provided by a query runner was already released'), { name: 'QueryRunnerProviderAlreadyReleasedError' })],
    ['an AggregateError of refused addresses', { message: '', errors: [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1' }] }],
  ])('is true for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value' }],
    ['a syntax error', { code: '42601', message: 'syntax error' }],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    ['a message that merely mentions a connection', { code: '22P02', message: 'Connection terminated: invalid input' }],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

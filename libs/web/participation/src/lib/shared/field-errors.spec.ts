import { localizeFieldProblem } from './field-errors';

describe('localizeFieldProblem', () => {
  it('turns the API explanations into sentences residents get in their language', () => {
    expect(localizeFieldProblem({ field: 'title', message: 'title must be at most 120 characters' })).toEqual({
      key: 'error.maxLength',
      params: { max: '120' },
    });
    expect(localizeFieldProblem({ field: 'text', message: 'text must not be empty' })).toEqual({ key: 'error.required' });
    expect(
      localizeFieldProblem({ field: 'geometry', message: 'the location lies outside the planning area (more than 250 m away)' }),
    ).toEqual({ key: 'error.outsideArea' });
    expect(localizeFieldProblem({ field: 'geometry', message: 'the geometry is not valid: Self-intersection' })).toEqual({
      key: 'error.invalidGeometry',
    });
    expect(localizeFieldProblem({ field: 'geometry.type', message: 'geometry type LineString is not allowed here' })).toEqual({
      key: 'error.geometryType',
    });
    expect(localizeFieldProblem({ field: 'geometry', message: 'this procedure needs a location: add a point' })).toEqual({
      key: 'error.locationRequired',
    });
    expect(localizeFieldProblem({ field: 'categoryId', message: 'categoryId is not a category of this procedure' })).toEqual({
      key: 'error.notOffered',
    });
    expect(localizeFieldProblem({ field: 'reason', message: 'something unexpected' })).toEqual({ key: 'error.rejected' });
  });
});

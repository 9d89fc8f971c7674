import { describe, expect, it } from 'vitest';
import {
  fieldErrorsFromGraph,
  fieldForTarget,
} from '../../../src/features/positions/utils/server-errors';
import { GraphError } from '../../../src/graph/graph-error';

const error = (init: Partial<ConstructorParameters<typeof GraphError>[0]> = {}) =>
  new GraphError({ status: 400, code: 'invalidRequest', message: 'Top-level message.', ...init });

describe('fieldForTarget', () => {
  it.each([
    ['detail.jobTitle', 'detail.jobTitle'],
    ['detail.description', 'detail.description'],
    ['detail.company.webUrl', 'detail.company.webUrl'],
    ['detail.company.address.postalCode', 'detail.company.address.postalCode'],
    ['detail.summary[0]', 'detail.summary'],
    ['categories', 'categories'],
    ['categories[3]', 'categories'],
    ['categories[12]', 'categories'],
    ['isCurrent', 'isCurrent'],
    ['allowedAudiences', 'allowedAudiences'],
    ['detail.employeeId', 'detail.employeeId'],
    ['detail.layer', 'detail.layer'],
    ['detail.company.costCenter', 'detail.company.costCenter'],
    ['manager', 'manager'],
    ['manager.relationship', 'manager'],
    ['colleagues[0]', 'colleagues'],
    ['colleagues[2].userId', 'colleagues'],
  ])('maps %j to %j', (target, field) => {
    expect(fieldForTarget(target)).toBe(field);
  });

  it.each([
    '',
    'detail',
    'detail.company',
    'detail.isSearchable',
    'inference.confidenceScore',
    'managers.userId',
    '@odata.etag',
    'id',
    'Detail.JobTitle',
  ])('maps %j to no form field', (target) => {
    expect(fieldForTarget(target)).toBeUndefined();
  });

  it('maps undefined to no form field', () => {
    expect(fieldForTarget(undefined)).toBeUndefined();
  });
});

describe('fieldErrorsFromGraph', () => {
  it('uses the top-level target with the top-level message', () => {
    expect(
      fieldErrorsFromGraph(error({ target: 'detail.jobTitle', message: 'Job title is too long.' })),
    ).toEqual([{ field: 'detail.jobTitle', message: 'Job title is too long.' }]);
  });

  it('gives nothing when Graph names no target', () => {
    expect(fieldErrorsFromGraph(error())).toEqual([]);
  });

  it('reads every detail, mapping targets and skipping unknown or missing ones', () => {
    expect(
      fieldErrorsFromGraph(
        error({
          details: [
            {
              code: 'tooLong',
              message: 'Street too long.',
              target: 'detail.company.address.street',
            },
            { code: 'badAudience', message: 'Bad audience.', target: 'allowedAudiences' },
            { code: 'unknown', message: 'Not on the form.', target: 'inference.confidenceScore' },
            { code: 'noTarget', message: 'No target at all.' },
            { code: 'tooLong', message: 'Category 3 too long.', target: 'categories[3]' },
          ],
        }),
      ),
    ).toEqual([
      { field: 'detail.company.address.street', message: 'Street too long.' },
      { field: 'allowedAudiences', message: 'Bad audience.' },
      { field: 'categories', message: 'Category 3 too long.' },
    ]);
  });

  it('puts the top-level target before the details', () => {
    expect(
      fieldErrorsFromGraph(
        error({
          target: 'detail.company.displayName',
          message: 'Company name is too long.',
          details: [{ code: 'x', message: 'Job title missing.', target: 'detail.jobTitle' }],
        }),
      ),
    ).toEqual([
      { field: 'detail.company.displayName', message: 'Company name is too long.' },
      { field: 'detail.jobTitle', message: 'Job title missing.' },
    ]);
  });

  it('reports each field once, keeping the first message', () => {
    expect(
      fieldErrorsFromGraph(
        error({
          target: 'categories[0]',
          message: 'First category problem.',
          details: [
            { code: 'x', message: 'Second category problem.', target: 'categories[1]' },
            { code: 'x', message: 'Whole collection problem.', target: 'categories' },
            { code: 'x', message: 'Title once.', target: 'detail.jobTitle' },
            { code: 'x', message: 'Title twice.', target: 'detail.jobTitle' },
          ],
        }),
      ),
    ).toEqual([
      { field: 'categories', message: 'First category problem.' },
      { field: 'detail.jobTitle', message: 'Title once.' },
    ]);
  });

  it('ignores an unknown top-level target but still reads the details', () => {
    expect(
      fieldErrorsFromGraph(
        error({
          target: 'isSearchable',
          details: [{ code: 'x', message: 'Bad city.', target: 'detail.company.address.city' }],
        }),
      ),
    ).toEqual([{ field: 'detail.company.address.city', message: 'Bad city.' }]);
  });
});

describe('dates named by Graph', () => {
  it('land on the year field of the start or end date', () => {
    expect(fieldForTarget('detail.startMonthYear')).toBe('detail.start.year');
    expect(fieldForTarget('detail.endMonthYear')).toBe('detail.end.year');
  });
});

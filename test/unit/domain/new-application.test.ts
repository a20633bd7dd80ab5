// Starting an application (issue 14.2): the project's name, the parcel's scope, deleting a draft.
import { describe, expect, it } from 'vitest';
import {
  boundaryRefusal,
  draftDeletionRefusal,
  projectTitleProblem,
  PROJECT_TITLE_MAX,
  PROJECT_TITLE_MIN
} from '../../../src/lib/domain/new-application.ts';

describe('the project name', () => {
  it('is required: blank or not text asks for a name, with an example', () => {
    for (const t of ['', '   ', undefined, 42]) {
      const p = projectTitleProblem(t);
      expect(p?.zh).toContain('请填写项目名称');
      expect(p?.en).toContain('Enter the project name');
    }
  });

  it('is one line', () => {
    expect(projectTitleProblem('汽车零部件\n智能化改造')?.zh).toBe('项目名称请写在一行内。');
    expect(projectTitleProblem('汽车零部件\r智能化改造')?.en).toBe('Keep the project name on one line.');
  });

  it('has 4 to 100 characters, counted as characters (not UTF-16 units), after trimming', () => {
    expect([PROJECT_TITLE_MIN, PROJECT_TITLE_MAX]).toEqual([4, 100]);
    expect(projectTitleProblem('技改项')?.zh).toBe('项目名称过短，至少 4 个字。');
    expect(projectTitleProblem('  技改项  ')?.en).toBe('The project name is too short: at least 4 characters.');
    expect(projectTitleProblem('技改项目')).toBeNull();
    expect(projectTitleProblem('𠀀𠀀𠀀')).not.toBeNull(); // three characters outside the BMP are six UTF-16 units
    expect(projectTitleProblem('字'.repeat(100))).toBeNull();
    expect(projectTitleProblem('字'.repeat(101))?.zh).toBe('项目名称过长，最多 100 个字。');
    expect(projectTitleProblem('x'.repeat(101))?.en).toBe('The project name is too long: at most 100 characters.');
    expect(projectTitleProblem('𠀀'.repeat(60))).toBeNull(); // 60 characters, 120 UTF-16 units
  });
});

describe('the parcel decides whether the procedure applies', () => {
  it('a parcel inside a planned industrial block is refused, naming the clause', () => {
    const r = boundaryRefusal('industrial_block');
    expect(r).toMatchObject({ status: 400, code: 'out_of_scope_industrial_block' });
    expect(r!.zh).toContain('不能通过本程序申报');
    expect(r!.zh).toContain('（依据：标题及一.4');
    expect(r!.en).toContain('(clause 标题及一.4');
  });

  it("the three types outside the blocks are accepted; an unknown value is not this rule's business", () => {
    for (const t of ['reserve', 'inside_boundary', 'outside_boundary', 'unknown', null])
      expect(boundaryRefusal(t)).toBeNull();
  });
});

describe('deleting a draft', () => {
  it('only its owner may', () => {
    expect(draftDeletionRefusal({ stage: 'draft', everSubmitted: false, isOwner: false })).toMatchObject({
      status: 403,
      code: 'forbidden'
    });
    expect(draftDeletionRefusal({ stage: 'draft', everSubmitted: false, isOwner: true })).toBeNull();
  });

  it('not once it was submitted (returned drafts included): the district has seen it, withdraw instead', () => {
    const once = draftDeletionRefusal({ stage: 'draft', everSubmitted: true, isOwner: true });
    expect(once).toMatchObject({ status: 409, code: 'not_deletable' });
    expect(once!.en).toContain('withdraw it instead');
    expect(draftDeletionRefusal({ stage: 'returned', everSubmitted: true, isOwner: true })?.code).toBe('not_deletable');
    expect(draftDeletionRefusal({ stage: 'submitted', everSubmitted: false, isOwner: true })?.code).toBe(
      'not_deletable'
    );
  });
});

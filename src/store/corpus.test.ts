import { beforeEach, describe, expect, it } from 'vitest';
import { closeCorpus, setCorpusPage, setSharesBy, showCorpus, sortCorpusBy, useCorpus } from './corpus';

const corpus = (columns: string[]) => ({ name: 'c', fileName: 'c.shotscale.json', columns, rows: [] });

describe('the corpus view store', () => {
  beforeEach(() => closeCorpus());

  it('a heading sorts ascending, then the other way, another heading ascending again; sorting goes back to the first page', () => {
    showCorpus(corpus(['title']));
    setCorpusPage(50);
    sortCorpusBy('aslSec');
    expect(useCorpus.getState()).toMatchObject({ sort: { column: 'aslSec', direction: 'ascending' }, pageStart: 0 });
    sortCorpusBy('aslSec');
    expect(useCorpus.getState().sort).toEqual({ column: 'aslSec', direction: 'descending' });
    sortCorpusBy('aslSec');
    expect(useCorpus.getState().sort!.direction).toBe('ascending');
    sortCorpusBy('meta:title');
    expect(useCorpus.getState().sort).toEqual({ column: 'meta:title', direction: 'ascending' });
  });

  it('groups by director when there is one; a table sorted by a scale stays sorted by it when shares switch to shots', () => {
    showCorpus(corpus(['title', 'director']));
    expect(useCorpus.getState().groupBy).toBe('director');
    showCorpus(corpus(['title']));
    expect(useCorpus.getState().groupBy).toBeNull();
    sortCorpusBy('screen:CU');
    setSharesBy('shots');
    expect(useCorpus.getState().sort).toEqual({ column: 'shots:CU', direction: 'ascending' });
    closeCorpus();
    expect(useCorpus.getState()).toMatchObject({ corpus: null, sort: null });
  });
});

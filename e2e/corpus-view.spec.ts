import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { spreadText } from '../src/components/Corpus/corpusFormat';
import { corpusRows, groupCorpusRows, sortCorpusRows } from '../src/shared/corpus';
import type { Project, ProjectFilm } from '../src/shared/project';
import type { ScaleCode } from '../src/shared/taxonomy';
import { fixture } from './fixtures';
import { clearStorage, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// A corpus project (what `npm run corpus -- merge` writes) opens as a corpus: a paged, sortable
// table of its films and their figures grouped by any metadata column, not a card per film. The
// corpus is built from films really analysed here: three generated edits, saved as a project, copied
// to 100 films with their own fingerprints and a scholar's metadata (title, year, director).

const FILMS = ['edit-3-shots.mp4', 'edit-8-shots.mp4', 'edit-short-shot.mp4'];
const DIRECTORS = ['Akerman', 'Bresson', 'Ozu', 'Varda'];
/** The scales a scholar's review gave each director's shots, in turn (the generated edits all read as ELS). */
const REVIEWED: Record<string, ScaleCode[]> = { Akerman: ['LS', 'ELS', 'LS', 'MLS'], Bresson: ['CU', 'MCU', 'ECU', 'MCU'], Ozu: ['MS', 'MLS', 'MS', 'LS'], Varda: ['CU', 'MS', 'LS', 'ELS', 'NA'] };
const CORPUS_FILMS = 100;
const PAGE_ROWS = 50;

/**
 * Film `i` of the corpus: a copy of an analysed film under its own fingerprint, key and name, with
 * metadata, and most of its shots' scales set by review (corrections, and its shots as the page shows
 * them with those applied). The last one has no shots (an unfinished run).
 */
function corpusFilm(base: ProjectFilm, i: number): ProjectFilm {
  const fingerprint = `${base.analysis.info.fingerprint}-corpus-${i}`;
  const name = `film-${String(i + 1).padStart(3, '0')}.mp4`;
  const director = DIRECTORS[i % DIRECTORS.length];
  const { shots, corrections: _, ...rest } = structuredClone(base);
  const scales: Record<number, ScaleCode> = {};
  const reviewed = shots!.map((shot, k) => {
    if ((k + i) % 5 === 4) return shot;
    const palette = REVIEWED[director];
    scales[shot.startFrame] = palette[(k + Math.floor(i / 4)) % palette.length];
    return { ...shot, scale: scales[shot.startFrame], corrected: true };
  });
  const film: ProjectFilm = {
    ...rest,
    analysis: { ...rest.analysis, key: rest.analysis.key.replace(base.analysis.info.fingerprint, fingerprint), info: { ...rest.analysis.info, fingerprint, name } },
    corrections: { fingerprint, scales, splits: [], merges: [], reviewed: {}, updatedAt: 1 },
    metadata: { title: `Film ${i + 1}`, year: String(1950 + ((i * 7) % 60)), director },
  };
  return i === CORPUS_FILMS - 1 ? film : { ...film, shots: reviewed };
}

/** The texts of one column of the table's rows on show. */
async function columnTexts(table: Locator, column: string): Promise<string[]> {
  return table.getByTestId('corpus-row').locator(column === 'name' ? 'th' : `td[data-col="${column}"]`).allInnerTexts();
}

/** The file names of the rows on show. */
const shownNames = (table: Locator) => columnTexts(table, 'name');

test('a 100-film corpus project opens as a corpus: sortable paged table, groups by director and decade, a film one click from its timeline', async ({ page }, testInfo) => {
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page);

  let project: Project;
  await test.step('three generated edits are analysed and saved as a project', async () => {
    await pickFiles(page, FILMS.map((f) => fixture(f)));
    for (const name of FILMS) await waitForStatus(page, name, 'done');
    const download = page.waitForEvent('download');
    await page.getByTestId('project-save').click();
    project = JSON.parse(readFileSync(await (await download).path()).toString()) as Project;
    expect(project.films.map((f) => f.analysis.info.name).sort()).toEqual([...FILMS].sort());
    expect(project.films.every((f) => (f.shots?.length ?? 0) > 0)).toBe(true);
  });

  const corpus: Project = { ...project!, films: Array.from({ length: CORPUS_FILMS }, (_, i) => corpusFilm(project!.films[i % FILMS.length], i)), corpus: { name: 'Slow cinema', columns: ['title', 'year', 'director'] } };
  const rows = corpusRows(corpus);
  const table = page.getByTestId('corpus-table');
  const message = page.getByTestId('project-message');

  await test.step('on a fresh browser, the corpus opens in well under two seconds as a table, not as 100 cards', async () => {
    await clearStorage(page);
    const text = JSON.stringify(corpus);
    // In the page: from the input's change event (the file chosen) to the first row in the DOM.
    const inPage = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const input = document.querySelector('[data-testid=project-input]')!;
          input.addEventListener(
            'change',
            () => {
              const chosen = performance.now();
              const seen = () => document.querySelector('[data-testid=corpus-row]') !== null;
              const watch = new MutationObserver(() => seen() && (watch.disconnect(), resolve(performance.now() - chosen)));
              watch.observe(document.body, { childList: true, subtree: true });
            },
            { capture: true, once: true },
          );
        }),
    );
    const started = Date.now();
    await page.getByTestId('project-input').setInputFiles({ name: 'slow-cinema.shotscale.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(table.getByTestId('corpus-row').first()).toBeVisible({ timeout: 10_000 });
    const openMs = Date.now() - started;
    const appMs = Math.round(await inPage);
    console.log(`corpus of ${CORPUS_FILMS} films (${(text.length / 1e6).toFixed(2)} MB): table visible ${openMs} ms after setInputFiles (in the page, ${appMs} ms from the file chosen to the table)`);
    testInfo.annotations.push({ type: 'corpus open (ms)', description: `${openMs} (in the page ${appMs})` });
    // The aim is under 2 s; the bound is generous for a loaded machine (the figures above are the measure).
    expect(openMs).toBeLessThan(5_000);
    await expect(message).toContainText('Opened “slow-cinema.shotscale.json”');
    await expect(message).toContainText(`Corpus “Slow cinema”: ${CORPUS_FILMS} films from Shotscale`);
    await expect(message).toContainText('Click a film’s name in the table');
    console.log(`… and all ${CORPUS_FILMS} analyses stored in IndexedDB ${Date.now() - started} ms after setInputFiles`);
    await expect(page.getByTestId('corpus-name')).toHaveText('Slow cinema');
    await expect(page.getByTestId('film')).toHaveCount(0);
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = indexedDB.open('shotscale');
          r.onsuccess = () => {
            const c = r.result.transaction('analyses').objectStore('analyses').count();
            c.onsuccess = () => resolve(c.result);
          };
        }),
    );
    expect(stored).toBe(CORPUS_FILMS);
  });

  await test.step('the table shows every film’s metadata and figures, 50 a page', async () => {
    await expect(table.getByTestId('corpus-row')).toHaveCount(PAGE_ROWS);
    await expect(page.getByTestId('corpus-count')).toHaveText(`Films 1–${PAGE_ROWS} of ${CORPUS_FILMS}`);
    await expect(page.getByTestId('corpus-previous')).toBeDisabled();
    const titles: string[] = [];
    const years: string[] = [];
    const directors: string[] = [];
    for (const pageStart of [0, PAGE_ROWS]) {
      if (pageStart) await page.getByTestId('corpus-next').click();
      await expect(page.getByTestId('corpus-count')).toHaveText(`Films ${pageStart + 1}–${pageStart + PAGE_ROWS} of ${CORPUS_FILMS}`);
      titles.push(...(await columnTexts(table, 'meta:title')));
      years.push(...(await columnTexts(table, 'meta:year')));
      directors.push(...(await columnTexts(table, 'meta:director')));
    }
    await expect(page.getByTestId('corpus-next')).toBeDisabled();
    expect(titles).toEqual(corpus.films.map((f) => f.metadata!.title));
    expect(years).toEqual(corpus.films.map((f) => f.metadata!.year));
    expect(directors).toEqual(corpus.films.map((f) => f.metadata!.director));
    // The last film has no shots: its shot figures are dashes, its duration the file's.
    const last = table.getByTestId('corpus-row').last();
    await expect(last.locator('td[data-col="aslSec"]')).toHaveText('–');
    await expect(last.locator('td[data-col="shotCount"]')).toHaveText('0');
    await page.getByTestId('corpus-previous').click();
    for (const row of rows.slice(0, FILMS.length)) {
      const shown = table.locator(`[data-testid=corpus-row][data-key="${row.key}"]`);
      await expect(shown.locator('td[data-col="shotCount"]')).toHaveText(String(row.shotCount));
      await expect(shown.locator('td[data-col="aslSec"]')).toHaveText(`${row.aslSec!.toFixed(1)} s`);
      await expect(shown.locator('td[data-col="screen:NA"]')).toHaveText(`${Math.round(100 * row.screenShares!.NA)}%`);
    }
  });

  const header = (column: string) => table.locator(`thead th[data-col="${column}"]`);
  const expectOrder = async (column: string, direction: 'ascending' | 'descending') => {
    const want = sortCorpusRows(rows, column, direction);
    await expect(header(column)).toHaveAttribute('aria-sort', direction);
    await expect(page.getByTestId('corpus-count')).toHaveText(`Films 1–${PAGE_ROWS} of ${CORPUS_FILMS}`);
    expect(await shownNames(table)).toEqual(want.slice(0, PAGE_ROWS).map((r) => r.name));
    await page.getByTestId('corpus-next').click();
    expect(await shownNames(table)).toEqual(want.slice(PAGE_ROWS).map((r) => r.name));
    await page.getByTestId('corpus-previous').click();
    return want;
  };

  await test.step('a heading sorts by its column, again the other way; films without a value stay last', async () => {
    await header('aslSec').getByRole('button').click();
    await expectOrder('aslSec', 'ascending');
    const asl = (await columnTexts(table, 'aslSec')).map(parseFloat);
    expect(asl).toEqual([...asl].sort((a, b) => a - b));
    expect((await columnTexts(table, 'aslSec'))[0]).toBe(`${Math.min(...rows.filter((r) => r.aslSec !== null).map((r) => r.aslSec!)).toFixed(1)} s`);
    await expect(header('meta:year')).not.toHaveAttribute('aria-sort');
    await header('aslSec').getByRole('button').click();
    await expectOrder('aslSec', 'descending');
    const down = (await columnTexts(table, 'aslSec')).map(parseFloat);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.getByTestId('corpus-next').click();
    await expect(table.getByTestId('corpus-row').last().locator('td[data-col="aslSec"]')).toHaveText('–');
    await page.getByTestId('corpus-previous').click();

    // By keyboard: from the title heading's button, Tab to the year heading's, Enter sorts, Space reverses.
    await header('meta:title').getByRole('button').focus();
    await page.keyboard.press('Tab');
    await expect(header('meta:year').getByRole('button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expectOrder('meta:year', 'ascending');
    const years = (await columnTexts(table, 'meta:year')).map(Number);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years[0]).toBe(1950);
    await header('meta:year').getByRole('button').focus();
    await page.keyboard.press('Space');
    await expectOrder('meta:year', 'descending');
    expect(Number((await columnTexts(table, 'meta:year'))[0])).toBe(2009);
  });

  const groupRows = page.getByTestId('corpus-groups').getByTestId('corpus-group');
  const expectGroups = async (column: string, wantN: Map<string, number>) => {
    await page.getByTestId('corpus-group-by').selectOption(column);
    const want = groupCorpusRows(rows, column);
    expect(want.map((g) => [g.value, g.n])).toEqual([...wantN.entries()].sort(([a], [b]) => a.localeCompare(b)));
    await expect(groupRows).toHaveCount(want.length);
    for (const [i, g] of want.entries()) {
      const row = groupRows.nth(i);
      await expect(row).toHaveAttribute('data-value', g.value!);
      await expect(row.locator('td[data-col="n"]')).toContainText(String(g.n));
      await expect(row.locator('td[data-col="asl"]')).toHaveText(spreadText(g.asl, 's'));
      await expect(row.locator('td[data-col="median"]')).toHaveText(spreadText(g.median, 's'));
      await expect(row.locator('td[data-col="CU"]')).toHaveText(spreadText(g.screenShares?.CU, '%'));
    }
    await expect(page.getByTestId('corpus-chart-shares').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('corpus-chart-asl')).toBeVisible();
  };

  await test.step('grouped by director and by decade: the groups, their films and mean ± SD as src/shared/corpus.ts computes them', async () => {
    // Counted here from the metadata, apart from the app's code.
    const count = (key: (f: ProjectFilm) => string) => corpus.films.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map<string, number>());
    await expect(page.getByTestId('corpus-group-by')).toHaveValue('director');
    await expectGroups('director', count((f) => f.metadata!.director));
    expect(count((f) => f.metadata!.director).get('Akerman')).toBe(25);
    await expect(page.getByTestId('corpus-group-all').locator('td[data-col="n"]')).toContainText(`${CORPUS_FILMS} (${CORPUS_FILMS - 1} with shots)`);
    await expectGroups('decade', count((f) => `${Math.floor(Number(f.metadata!.year) / 10) * 10}s`));
    await expect(groupRows.first()).toHaveAttribute('data-value', '1950s');
    await expect(groupRows.last()).toHaveAttribute('data-value', '2000s');
  });

  await test.step('the corpus view passes axe and reads well (screenshot)', async () => {
    await page.getByTestId('corpus-group-by').selectOption('director');
    const { violations } = await new AxeBuilder({ page }).include('[data-testid=corpus]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    await page.getByTestId('corpus').scrollIntoViewIfNeeded();
    await page.getByTestId('corpus').screenshot({ path: '/tmp/corpus-view.png' });
    await page.screenshot({ path: testInfo.outputPath('corpus-view-page.png') });
  });

  await test.step('one click on a film’s name opens its card with its timeline, in view', async () => {
    const row = rows[6];
    await table.locator(`[data-testid=corpus-row][data-key="${row.key}"]`).getByTestId('corpus-film').click();
    const card = filmCard(page, row.name);
    await waitForStatus(page, row.name, 'done', 10_000);
    await expect(card).toBeInViewport();
    await expect(card.getByTestId('shot-block')).toHaveCount(row.shotCount);
    // The card rebuilds the shots from the cuts, seconds and corrections: the scales the table counted.
    const scales = corpus.films[6].shots!.map((s) => s.scale);
    expect(await card.getByTestId('shot-block').evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-scale')))).toEqual(scales);
    await expect(card.getByTestId('film-notice')).toContainText('Opened from a project');
    await expect(page.getByTestId('film')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('corpus-film-opened.png') });
    await page.getByTestId('corpus-close').click();
    await expect(page.getByTestId('corpus')).toHaveCount(0);
    await expect(card).toBeVisible();
  });

  await test.step('a reload shows no card per corpus film; an ordinary project still opens as cards', async () => {
    await page.reload();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('library-toggle')).toBeVisible();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('film')).toHaveCount(0);
    await expect(page.getByTestId('corpus')).toHaveCount(0);
    await page.getByTestId('project-input').setInputFiles({ name: 'three.shotscale.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project!)) });
    await expect(message).toContainText('Opened “three.shotscale.json”');
    await expect(message).toContainText('3 films from Shotscale');
    for (const name of FILMS) await waitForStatus(page, name, 'done', 10_000);
    await expect(page.getByTestId('film')).toHaveCount(FILMS.length);
    await expect(page.getByTestId('corpus')).toHaveCount(0);
  });
});

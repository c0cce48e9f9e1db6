import {
  DATA_SOURCE_MAX_LENGTH,
  MAX_DATA_SOURCES,
  dataAccessRequestTitle,
  dataSourceListSchema,
  dataSourceOfTicket,
  listedDataSources,
  requestCoversSource,
  sourcesWithoutRequest,
} from './data-sources';

describe('the title of a data-access request and the source read back from it', () => {
  test.each([
    ['Claims warehouse', 'AIP-4'],
    ['Customer transactions (core banking) for 2025', 'TEAM_2-17'],
  ])('%s for %s', (source, key) => {
    expect(dataSourceOfTicket(dataAccessRequestTitle(source, key))).toBe(source);
  });

  it('takes the whole summary of a ticket linked by hand', () => {
    expect(dataSourceOfTicket('  Extract of the claims warehouse ')).toBe('Extract of the claims warehouse');
    expect(dataSourceOfTicket('Data access: claims')).toBe('Data access: claims');
  });
});

describe('requestCoversSource', () => {
  test.each([
    ['the same name', 'Claims warehouse', 'Claims warehouse', true],
    ['in another case and spacing', 'claims   WAREHOUSE', 'Claims warehouse', true],
    [
      'as a phrase within the request',
      'Extract of the claims warehouse, 2019-2025',
      'Claims warehouse',
      true,
    ],
    ['as part of a longer word', 'SCRM exports', 'CRM', false],
    ['a different source', 'Policy events', 'Claims warehouse', false],
    ['in another Unicode form', 'Ｃlaims warehouse', 'Claims warehouse', true],
    ['with characters a pattern would read', 'Claims (v2.1) warehouse', 'Claims (v2.1)', true],
  ])('%s', (_label, request, listed, covered) => {
    expect(requestCoversSource(request, listed)).toBe(covered);
  });

  it('lists the sources no request names, in the listed order', () => {
    expect(
      sourcesWithoutRequest(
        ['Claims warehouse', 'Policy events', 'Call transcripts'],
        [{ dataSource: 'Policy events' }, {}],
      ),
    ).toEqual(['Claims warehouse', 'Call transcripts']);
  });
});

describe('the list an edit sends', () => {
  const parse = (value: unknown) => dataSourceListSchema.safeParse(value);
  const messages = (value: unknown) => parse(value).error?.issues.map((issue) => issue.message);

  it('trims names and drops blank entries', () => {
    expect(parse([' Claims warehouse ', '', '  ', 'Policy events']).data).toEqual([
      'Claims warehouse',
      'Policy events',
    ]);
  });

  test.each([
    ['not a list', 'Claims', ['Send the data sources as a list of names']],
    ['a number in it', ['Claims', 4], ['Write each data source as text']],
    [
      'a name on two lines',
      ['Claims', 'Policy\nevents'],
      ['Data source 2: Write the data source on one line'],
    ],
    [
      'a name too long',
      ['x'.repeat(DATA_SOURCE_MAX_LENGTH + 1)],
      [`Data source 1: Keep the data source under ${DATA_SOURCE_MAX_LENGTH} characters`],
    ],
    [
      'a name twice, in another case',
      ['Claims warehouse', 'Policy events', 'claims WAREHOUSE'],
      ['Data source 3 repeats data source 1 ("claims WAREHOUSE"): list each source once'],
    ],
    [
      'too many',
      Array.from({ length: MAX_DATA_SOURCES + 1 }, (_, i) => `Source ${i}`),
      [`List at most ${MAX_DATA_SOURCES} data sources (${MAX_DATA_SOURCES + 1} sent)`],
    ],
  ])('refuses %s, naming the entry', (_label, value, expected) => {
    expect(messages(value)).toEqual(expected);
  });

  it('accepts exactly the most it allows', () => {
    const names = Array.from({ length: MAX_DATA_SOURCES }, (_, i) => `Source ${i}`);
    expect(parse(names).data).toEqual(names);
  });
});

describe('listedDataSources: the list as stored on the pilot, written by anyone who can edit it', () => {
  it('keeps only the names an edit would accept, each once, at most the limit', () => {
    expect(
      listedDataSources(['Claims', 'claims', 7, null, '', 'a\nb', 'x'.repeat(201), ' Policy events ']),
    ).toEqual(['Claims', 'Policy events']);
    expect(listedDataSources('Claims')).toEqual([]);
    expect(listedDataSources(Array.from({ length: 30 }, (_, i) => `S${i}`))).toHaveLength(MAX_DATA_SOURCES);
  });
});

/** A people search (a picker's query) is a name's beginning: the server refuses longer ones. */
export const PEOPLE_QUERY_MAX_LENGTH = 100;

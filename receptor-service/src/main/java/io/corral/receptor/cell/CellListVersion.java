package io.corral.receptor.cell;

/**
 * Which list of present cells a reader has: how many there are and the highest change
 * number among them. Every change that can alter the list (a cell appearing, one of its
 * fields but its expiry changing) takes a new, higher change number, and a cell leaving
 * lowers the count, so equal versions mean equal lists, their expiries aside.
 */
record CellListVersion(long count, long latestChange) {

    /**
     * A weak entity tag: two lists with one tag differ in their cells' expiries at most.
     */
    String entityTag() {
        return "W/\"" + count + "-" + latestChange + "\"";
    }

}

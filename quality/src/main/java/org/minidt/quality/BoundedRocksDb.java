package org.minidt.quality;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all the quality service's RocksDB stores (windows, runs, references). Kafka Streams' default
 * gives every store its own 50 MB block cache and up to three 16 MB memtables; the window store is written a whole
 * window message per window, so its memtables alone grew the demo by ~50 MB within minutes. Here every store's
 * memtables and blocks (index and filter blocks included) are charged to one shared cache of {@link #TOTAL_BYTES}.
 * The stores are read once per window and run, so a small cache costs nothing measurable.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** Block cache and memtables of every store together. */
    static final long TOTAL_BYTES = 16L << 20;
    /** The memtables' share of {@link #TOTAL_BYTES}. */
    static final long MEMTABLE_BYTES = 8L << 20;
    private static final long MEMTABLE_SIZE = 2L << 20;

    // Shared by every store of the process (the Kafka Streams docs' bounded-memory pattern); never closed, as it lives
    // as long as the JVM.
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store: closing them with one store would break the others.
    }
}

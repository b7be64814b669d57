package org.minidt.processor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.minidt.common.DaqWord;

/**
 * What an open window knows besides its hits: the words counted in it that are not kept (by HEAD, late,
 * malformed), and how many chunks of hits it has in the {@link HitChunks} store.
 */
final class WindowCounts {
    final long index;
    final long[] droppedByHead = new long[DaqWord.MAX_HEAD + 1];
    long lateWords;
    long malformedWords;
    int hitChunks;

    WindowCounts(long index) {
        this.index = index;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(index);
        for (long v : droppedByHead) {
            out.writeLong(v);
        }
        out.writeLong(lateWords);
        out.writeLong(malformedWords);
        out.writeInt(hitChunks);
    }

    static WindowCounts readFrom(DataInput in) throws IOException {
        WindowCounts w = new WindowCounts(in.readLong());
        for (int i = 0; i < w.droppedByHead.length; i++) {
            w.droppedByHead[i] = in.readLong();
        }
        w.lateWords = in.readLong();
        w.malformedWords = in.readLong();
        w.hitChunks = in.readInt();
        return w;
    }
}

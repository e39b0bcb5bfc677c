package dev.interlock.ui.timeline;

import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.ui.fx.Fx;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * The timeline's rows as a lazy list over SQLite: the table asks only for the rows it shows, pages of
 * {@value #PAGE} are fetched in the background and cached (a few hundred kept), a row not loaded yet is
 * {@code null} until its page arrives. Opening a million-row log costs one page, not a million rows.
 * FX thread only, except the loader.
 */
public final class PagedRows extends ObservableListBase<AuditRecord> {
    static final int PAGE = 200;
    private static final int CACHED_PAGES = 64;

    private final AuditLog audit;
    private final ExecutorService loader;
    private final AuditFilter filter;
    private final Map<Integer, List<AuditRecord>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<AuditRecord>> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private final Set<Integer> loading = new HashSet<>();
    private int size;
    private boolean closed;
    private Consumer<Throwable> onError = e -> { };

    /** Starts with the first page loaded synchronously, so the table has content the moment it shows. */
    public PagedRows(AuditLog audit, ExecutorService loader, AuditFilter filter, List<AuditRecord> firstPage) {
        this.audit = audit;
        this.loader = loader;
        this.filter = filter;
        pages.put(0, firstPage);
        this.size = firstPage.size();
    }

    public void onError(Consumer<Throwable> sink) {
        this.onError = sink;
    }

    /** Sets the full size once the (slower) count is known. */
    public void total(long total) {
        Fx.checkThread();
        int newSize = (int) Math.min(Integer.MAX_VALUE - 1, total);
        if (newSize == size) {
            return;
        }
        int old = size;
        size = newSize;
        beginChange();
        if (newSize > old) {
            nextAdd(old, newSize);
        } else {
            nextRemove(newSize, subListPlaceholder(old - newSize));
        }
        endChange();
    }

    private List<AuditRecord> subListPlaceholder(int n) {
        return java.util.Collections.nCopies(n, null);
    }

    public AuditFilter filter() {
        return filter;
    }

    public void close() {
        closed = true;
    }

    @Override
    public int size() {
        return size;
    }

    /** The row if its page is loaded; otherwise {@code null} and the page is fetched. */
    @Override
    public AuditRecord get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int page = index / PAGE;
        List<AuditRecord> rows = pages.get(page);
        if (rows == null) {
            fetch(page);
            return null;
        }
        int at = index % PAGE;
        return at < rows.size() ? rows.get(at) : null;
    }

    private void fetch(int page) {
        if (closed || !loading.add(page)) {
            return;
        }
        loader.execute(() -> {
            try {
                List<AuditRecord> rows = audit.query(filter, page * PAGE, PAGE);
                Fx.run(() -> {
                    loading.remove(page);
                    if (closed) {
                        return;
                    }
                    pages.put(page, rows);
                    int from = page * PAGE;
                    int to = Math.min(size, from + PAGE);
                    if (from < to) {
                        // a replace (placeholders → rows) makes the table re-render exactly these cells
                        beginChange();
                        nextReplace(from, to, subListPlaceholder(to - from));
                        endChange();
                    }
                });
            } catch (RuntimeException e) {
                Fx.run(() -> {
                    loading.remove(page);
                    onError.accept(e);
                });
            }
        });
    }
}

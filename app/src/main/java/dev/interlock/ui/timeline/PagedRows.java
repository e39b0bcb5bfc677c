package dev.interlock.ui.timeline;

import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.ui.fx.Fx;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@value #PAGE} are fetched in the background and cached (a few dozen kept), a row not loaded yet is
 * {@code null} until its page arrives. Opening a million-row log costs one page, not a million rows.
 *
 * <p>Pages are read by keyset ({@code id < x}), never by OFFSET: a page next to a loaded one starts from that
 * page's last (or first) id; a page far from every loaded row first asks for the id where it starts, walking ids
 * only from the nearest known row or either end. The list is a snapshot of the rows up to {@link #baseTop()}
 * (positions stay stable while the agent keeps writing) plus a head of newer rows {@link #prepend}ed live.
 * FX thread only, except the loader.
 */
public final class PagedRows extends ObservableListBase<AuditRecord> {
    static final int PAGE = 200;
    private static final int CACHED_PAGES = 64;

    private final AuditLog audit;
    private final ExecutorService loader;
    private final AuditFilter filter;
    private final long baseTop;
    private final List<AuditRecord> head = new ArrayList<>();
    private final Map<Integer, List<AuditRecord>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<AuditRecord>> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private final Set<Integer> loading = new HashSet<>();
    private int baseSize;
    private boolean closed;
    private Consumer<Throwable> onError = e -> { };

    /** Starts with the first page loaded synchronously, so the table has content the moment it shows. */
    public PagedRows(AuditLog audit, ExecutorService loader, AuditFilter filter, List<AuditRecord> firstPage) {
        this.audit = audit;
        this.loader = loader;
        this.filter = filter;
        this.baseTop = firstPage.isEmpty() ? 0 : firstPage.get(0).id();
        pages.put(0, new ArrayList<>(firstPage));
        this.baseSize = firstPage.size();
    }

    public void onError(Consumer<Throwable> sink) {
        this.onError = sink;
    }

    /** The newest row of the snapshot (0 when it was empty); the size comes from {@code countThrough(baseTop)}. */
    public long baseTop() {
        return baseTop;
    }

    /** The newest id shown: live updates ask for rows above it. */
    public long topId() {
        return !head.isEmpty() ? head.get(0).id() : baseTop;
    }

    /** Sets the snapshot's full size once the (slower) count is known. */
    public void total(long total) {
        Fx.checkThread();
        int newSize = (int) Math.min(Integer.MAX_VALUE - 1 - head.size(), total);
        if (newSize == baseSize) {
            return;
        }
        int old = baseSize;
        baseSize = newSize;
        beginChange();
        if (newSize > old) {
            nextAdd(head.size() + old, head.size() + newSize);
        } else {
            nextRemove(head.size() + newSize, placeholders(old - newSize));
        }
        endChange();
    }

    /** Newer rows (newest first, all above {@link #topId()}) go on top; the table keeps its selection. */
    public void prepend(List<AuditRecord> newer) {
        Fx.checkThread();
        List<AuditRecord> fresh = newer.stream().filter(r -> r.id() > topId()).toList();
        if (fresh.isEmpty() || closed) {
            return;
        }
        head.addAll(0, fresh);
        beginChange();
        nextAdd(0, fresh.size());
        endChange();
    }

    /** Replaces a loaded row with a newer reading of it (its result arrived); no-op when not loaded. */
    public void replace(AuditRecord fresh) {
        Fx.checkThread();
        int at = indexOfLoaded(fresh.id());
        if (at < 0) {
            return;
        }
        AuditRecord old;
        if (at < head.size()) {
            old = head.set(at, fresh);
        } else {
            int base = at - head.size();
            old = pages.get(base / PAGE).set(base % PAGE, fresh);
        }
        beginChange();
        nextSet(at, old);
        endChange();
    }

    /** Where a loaded row is, or -1. */
    public int indexOfLoaded(long id) {
        for (int i = 0; i < head.size(); i++) {
            if (head.get(i).id() == id) {
                return i;
            }
        }
        for (Map.Entry<Integer, List<AuditRecord>> e : pages.entrySet()) {
            List<AuditRecord> rows = e.getValue();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).id() == id) {
                    return head.size() + e.getKey() * PAGE + i;
                }
            }
        }
        return -1;
    }

    private static List<AuditRecord> placeholders(int n) {
        return Collections.nCopies(n, null);
    }

    public AuditFilter filter() {
        return filter;
    }

    public void close() {
        closed = true;
    }

    @Override
    public int size() {
        return head.size() + baseSize;
    }

    /** The row if its page is loaded; otherwise {@code null} and the page is fetched. */
    @Override
    public AuditRecord get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index < head.size()) {
            return head.get(index);
        }
        int base = index - head.size();
        int page = base / PAGE;
        List<AuditRecord> rows = pages.get(page);
        if (rows == null) {
            fetch(page);
            return null;
        }
        int at = base % PAGE;
        return at < rows.size() ? rows.get(at) : null;
    }

    /** How the loader will find a page: from a neighbour's id, or by locating its first id from the nearest anchor. */
    private record Plan(long beforeId, long afterId, long anchorBelowOf, long skipDown, long anchorAboveOf, long skipUp) {
    }

    private Plan plan(int page) {
        int start = page * PAGE;
        List<AuditRecord> prev = pages.get(page - 1);
        if (page == 0) {
            return new Plan(baseTop + 1, -1, -1, 0, -1, 0);
        }
        if (prev != null && prev.size() == PAGE) {
            return new Plan(prev.get(PAGE - 1).id(), -1, -1, 0, -1, 0);
        }
        List<AuditRecord> next = pages.get(page + 1);
        if (next != null && !next.isEmpty()) {
            return new Plan(-1, next.get(0).id(), -1, 0, -1, 0);
        }
        // nearest loaded row above and below the page start; the ends of the snapshot are anchors too
        long aboveId = baseTop + 1;
        int abovePos = -1;
        long belowId = 0;
        int belowPos = baseSize;
        for (Map.Entry<Integer, List<AuditRecord>> e : pages.entrySet()) {
            List<AuditRecord> rows = e.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            int first = e.getKey() * PAGE;
            int last = first + rows.size() - 1;
            if (last < start && last > abovePos) {
                abovePos = last;
                aboveId = rows.get(rows.size() - 1).id();
            }
            if (first > start && first < belowPos) {
                belowPos = first;
                belowId = rows.get(0).id();
            }
        }
        long down = start - abovePos - 1;
        long up = belowPos - start - 1;
        return down <= up ? new Plan(-1, -1, aboveId, down, -1, 0) : new Plan(-1, -1, -1, 0, belowId, up);
    }

    private List<AuditRecord> load(Plan p) {
        if (p.beforeId() >= 0) {
            return audit.queryBefore(filter, p.beforeId(), PAGE);
        }
        if (p.afterId() >= 0) {
            return audit.queryAfter(filter, p.afterId(), PAGE);
        }
        long startId = p.anchorBelowOf() >= 0 ? audit.idBefore(filter, p.anchorBelowOf(), p.skipDown())
                : audit.idAfter(filter, p.anchorAboveOf(), p.skipUp());
        return startId <= 0 ? List.of() : audit.queryBefore(filter, startId + 1, PAGE);
    }

    private void fetch(int page) {
        if (closed || !loading.add(page)) {
            return;
        }
        Plan plan = plan(page);
        loader.execute(() -> {
            try {
                List<AuditRecord> rows = new ArrayList<>(load(plan));
                Fx.run(() -> {
                    loading.remove(page);
                    if (closed) {
                        return;
                    }
                    pages.put(page, rows);
                    int from = head.size() + page * PAGE;
                    int to = Math.min(size(), from + PAGE);
                    if (from < to) {
                        // a replace (placeholders → rows) makes the table re-render exactly these cells
                        beginChange();
                        nextReplace(from, to, placeholders(to - from));
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

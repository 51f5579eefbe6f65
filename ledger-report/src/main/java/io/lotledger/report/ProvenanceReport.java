package io.lotledger.report;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.CheckOptions;
import io.lotledger.rules.CheckReport;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotCheck;
import io.lotledger.rules.LotSource;
import io.lotledger.rules.Policy;
import io.lotledger.verify.LotAncestry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The provenance report on one lot, read from a ledger: the lot and every lot it was made from (its
 * ancestry), the transformation edges between them, each lot's custody, balance and rolled-up
 * composition ({@link LotSummary}), its declared master data, the integrity of the provenance, the
 * findings of {@link LotCheck} per lot, and every entry that touches one of the lots. {@link
 * #html()} renders it as one self-contained HTML page, the one {@code ledger report} writes.
 *
 * <p>All of it is read from the entries through {@link Ledger#auditLot}, never from the store's
 * derived indexes: a deleted parents or history record cannot hide an ancestor or an event, and
 * makes the integrity broken (the audit compares the indexes with the entries). Claims are weighed
 * only over a provenance that verifies, as {@code ledger check} does: when {@link #integrity()}
 * names a broken fact, {@link #check()} is empty.
 *
 * <p>An application makes a report without the CLI:
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.open(directory)) {
 *   ProvenanceReport report = ProvenanceReport.from(ledger, lot, PolicyFile.read(policyFile));
 *   report.writeTo(Path.of("provenance.html"));
 * }
 * }</pre>
 *
 * <p>Immutable once read and safe to share between threads; it keeps no reference to the ledger.
 * Texts from the ledger (ids, actor names, findings) are untrusted; the page escapes every one of
 * them.
 */
public final class ProvenanceReport {

  /**
   * One lot of the ancestry.
   *
   * @param maker the actor of the entry that brought the lot in (commissioned, produced or received
   *     it), or of its first entry; null for a lot without entries
   * @param declared the lot's latest non-empty master data (ILMD of an ADD or of a transformation
   *     that output it), or {@link LotMasterData#NONE}
   * @param origins the origin countries declared by the lot itself or, failing that, by its
   *     ancestors
   * @param findings the check's findings about this lot
   */
  record LotView(
      LotId lot,
      LotSummary summary,
      ActorId maker,
      LotMasterData declared,
      SortedSet<String> origins,
      List<CheckFinding> findings) {
    LotView {
      origins = Collections.unmodifiableSortedSet(new TreeSet<>(origins));
      findings = List.copyOf(findings);
    }

    boolean tracked() {
      return summary.state() != null;
    }
  }

  /** A transformation edge: {@code output} was made from {@code input}. */
  record Link(LotId input, LotId output) {}

  private final LotId lot;
  private final String origin;
  private final long ledgerSize;
  private final String policy;
  private final List<LotView> views;
  private final List<Link> links;
  private final List<Entry> events;
  private final Map<ActorId, String> actorNames;
  private final Finding integrity;
  private final Set<LotId> integrityLots;
  private final CheckReport check;

  /**
   * @param views the lot first, then its ancestors nearest first
   * @param links transformation edges between the lots, from an input to an output
   * @param events every entry touching one of the lots, by index
   * @param actorNames display names from the actor registry (untrusted text)
   * @param integrity the first broken fact of the provenance, or null when it verifies
   * @param integrityLots the lots the broken entry names (empty when it verifies or cannot be read)
   * @param check the claims and policy check of the lot, or null when the provenance does not
   *     verify
   */
  private ProvenanceReport(
      LotId lot,
      String origin,
      long ledgerSize,
      String policy,
      List<LotView> views,
      List<Link> links,
      List<Entry> events,
      Map<ActorId, String> actorNames,
      Finding integrity,
      Set<LotId> integrityLots,
      CheckReport check) {
    this.lot = lot;
    this.origin = origin;
    this.ledgerSize = ledgerSize;
    this.policy = policy;
    this.views = List.copyOf(views);
    this.links = List.copyOf(links);
    this.events = List.copyOf(events);
    this.actorNames = Collections.unmodifiableMap(new LinkedHashMap<>(actorNames));
    this.integrity = integrity;
    this.integrityLots = Set.copyOf(integrityLots);
    this.check = check;
  }

  /**
   * Reads the report on {@code lot} from {@code ledger} without a policy: claims are checked, no
   * policy rule.
   */
  public static ProvenanceReport from(Ledger ledger, LotId lot) throws LedgerException {
    return from(ledger, lot, Policy.NONE);
  }

  /**
   * Reads the report on {@code lot} from {@code ledger}, checking claims and the rules of {@code
   * policy} over the lot's ancestry.
   *
   * @throws LedgerException NOT_FOUND when the ledger never saw the lot, or what reading the ledger
   *     throws
   */
  public static ProvenanceReport from(Ledger ledger, LotId lot, Policy policy)
      throws LedgerException {
    Objects.requireNonNull(policy, "policy");
    if (ledger.head(lot).isEmpty()) {
      throw new LedgerException(LedgerException.Code.NOT_FOUND, "no lot " + lot + " in the ledger");
    }
    // The lots, their histories and their edges come from the entries, never from the derived
    // indexes,
    // so that a damaged index can neither hide an ancestor nor pass for verified.
    LotAncestry ancestry = ledger.auditLot(lot);
    LotSource source = ancestry::history;
    List<LotId> ids = ancestry.lots();
    Set<LotId> members = new HashSet<>(ids);

    List<Link> links = new ArrayList<>();
    Map<LotId, List<LotId>> parents = new HashMap<>();
    for (LotId child : ids) {
      List<LotId> ps = new ArrayList<>();
      for (LotId parent : ancestry.parents(child)) {
        if (members.contains(parent)) {
          links.add(new Link(parent, child));
          ps.add(parent);
        }
      }
      parents.put(child, ps);
    }

    Finding integrity = ancestry.verified() ? null : ancestry.findings().get(0);
    Set<LotId> integrityLots = new HashSet<>();
    if (integrity != null) {
      integrityLots.addAll(lotsOf(ledger, integrity));
    }
    CheckReport check =
        integrity == null ? new LotCheck(source, policy, CheckOptions.DEFAULT).check(lot) : null;

    Map<LotId, LotMasterData> declared = new HashMap<>();
    Map<LotId, String> ownOrigin = new HashMap<>();
    TreeMap<Long, Entry> events = new TreeMap<>();
    for (LotId id : ids) {
      LotMasterData d = declared(id, source.history(id));
      declared.put(id, d);
      if (d.originCountry() != null) {
        ownOrigin.put(id, d.originCountry());
      }
      for (Entry e : source.history(id)) {
        events.put(e.index(), e);
      }
    }
    Map<LotId, SortedSet<String>> origins = origins(ids, parents, ownOrigin);

    ClaimsCalculator claims = new ClaimsCalculator(source);
    List<LotView> views = new ArrayList<>(ids.size());
    for (LotId id : ids) {
      List<CheckFinding> about = new ArrayList<>();
      if (check != null) {
        check.findings().stream().filter(f -> f.lot().equals(id)).forEach(about::add);
      }
      // Custody is replayed from the entries when they verify; otherwise the stored record is
      // shown, and every
      // box of the page says it is not verified.
      LotSummary summary =
          ancestry.verified()
              ? LotSummary.of(ancestry, claims, id)
              : new LotSummary(id, ledger.lotState(id).orElse(null), claims.composition(id));
      views.add(
          new LotView(
              id,
              summary,
              maker(id, source.history(id)),
              declared.get(id),
              origins.get(id),
              about));
    }

    // Display names only from registrations the root signed with its key (entry 0's, self-signed):
    // the
    // registry index and its entries are store records, so a name is shown only when its signature
    // holds.
    Map<ActorId, String> names = new LinkedHashMap<>();
    Entry genesis = ledger.entry(0).orElse(null);
    if (genesis != null
        && genesis.signed().signatureValid()
        && genesis.event() instanceof RegistryEvent.ActorRegistered root
        && root.actor().equals(ledger.rootActor())) {
      for (Entry e : ledger.registry()) {
        if (e.event() instanceof RegistryEvent.ActorRegistered r
            && r.name() != null
            && e.body().actor().equals(root.actor())
            && e.body().key().equals(root.key())
            && e.signed().signatureValid()) {
          names.put(r.actor(), r.name());
        }
      }
    }
    return new ProvenanceReport(
        lot,
        ledger.origin(),
        ledger.size(),
        policy.name(),
        views,
        links,
        new ArrayList<>(events.values()),
        names,
        integrity,
        integrityLots,
        check);
  }

  /** The lot the report is on. */
  public LotId lot() {
    return lot;
  }

  /** The lot first, then every lot it was made from, nearest first. */
  public List<LotId> lots() {
    return views.stream().map(LotView::lot).toList();
  }

  /** Every entry that touches one of {@link #lots()}, by index. */
  public List<Entry> events() {
    return events;
  }

  /**
   * Whether every entry of the provenance verified and the store's indexes agree with the entries.
   */
  public boolean verified() {
    return integrity == null;
  }

  /** The first broken fact of the provenance; empty when it {@linkplain #verified() verified}. */
  public Optional<Finding> integrity() {
    return Optional.ofNullable(integrity);
  }

  /**
   * The claims and policy check of the lot; empty when the provenance does not verify, since then
   * no claim is weighed.
   */
  public Optional<CheckReport> check() {
    return Optional.ofNullable(check);
  }

  /** Every finding of the check, in {@link CheckFinding#ORDER}; empty when no check ran. */
  public List<CheckFinding> findings() {
    return check == null ? List.of() : check.findings();
  }

  /**
   * The report as one self-contained HTML5 document: no script, nothing loaded from anywhere, and a
   * Content-Security-Policy that forbids both. The same report always gives the same page.
   *
   * <p>Markup meant for machines: every lot is {@code <g class="node ..." data-lot="URI"
   * data-layer="N">} with the classes {@code target}, {@code origin}, {@code external}, {@code
   * finding} and {@code unverified}; every edge is {@code <path class="edge" data-from="INPUT"
   * data-to="OUTPUT">}; every event row is {@code <tr class="event" data-index="N">}.
   */
  public String html() {
    return HtmlReport.render(this);
  }

  /**
   * Writes {@link #html()} to {@code file} in UTF-8, creating it or replacing what it holds. Not
   * atomic: an application that must never leave a partial page writes beside the file and renames,
   * as {@code ledger report} does.
   *
   * @throws IOException if the file cannot be written
   */
  public void writeTo(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
  }

  /** The ledger's origin name. */
  String origin() {
    return origin;
  }

  /** The ledger's size when the report was read. */
  long ledgerSize() {
    return ledgerSize;
  }

  /** The name of the policy the lot was checked under. */
  String policy() {
    return policy;
  }

  /** The lots as drawn, in the order of {@link #lots()}. */
  List<LotView> views() {
    return views;
  }

  List<Link> links() {
    return links;
  }

  /** Display names from registrations the root signed (untrusted text). */
  Map<ActorId, String> actorNames() {
    return actorNames;
  }

  /**
   * The lots the broken entry names; empty when the provenance verifies or the entry cannot be
   * read.
   */
  Set<LotId> integrityLots() {
    return integrityLots;
  }

  /** The lots the broken entry names, when it can still be read; else the finding's lot. */
  private static Set<LotId> lotsOf(Ledger ledger, Finding finding) {
    Set<LotId> lots = new HashSet<>();
    if (finding.lot() != null) {
      lots.add(finding.lot());
    }
    if (finding.index() >= 0) {
      try {
        ledger.entry(finding.index()).ifPresent(e -> lots.addAll(e.event().lots()));
      } catch (LedgerException | RuntimeException unreadable) {
        // a malformed entry names no lots we can trust; the finding's own lot stands
      }
    }
    return lots;
  }

  /**
   * The latest non-empty ILMD declared for {@code lot}: on an ADD naming it or a transformation
   * outputting it.
   */
  private static LotMasterData declared(LotId lot, List<Entry> history) {
    LotMasterData latest = LotMasterData.NONE;
    for (Entry e : history) {
      Event event = e.event();
      LotMasterData ilmd = null;
      if (event instanceof ObjectEvent o && o.action() == Action.ADD && o.lots().contains(lot)) {
        ilmd = o.ilmd();
      } else if (event instanceof TransformationEvent t
          && t.outputs().stream().anyMatch(q -> q.lot().equals(lot))) {
        ilmd = t.ilmd();
      }
      if (ilmd != null && !ilmd.isEmpty()) {
        latest = ilmd;
      }
    }
    return latest;
  }

  /**
   * Who brought the lot in: the actor of its first ADD, transformation output or receiving; else of
   * its first entry.
   */
  private static ActorId maker(LotId lot, List<Entry> history) {
    for (Entry e : history) {
      Event event = e.event();
      boolean brings =
          event instanceof ObjectEvent o
                  && o.lots().contains(lot)
                  && (o.action() == Action.ADD || "receiving".equals(o.context().bizStep()))
              || event instanceof TransformationEvent t
                  && t.outputs().stream().map(LotQuantity::lot).anyMatch(lot::equals);
      if (brings) {
        return e.body().actor();
      }
    }
    return history.isEmpty() ? null : history.get(0).body().actor();
  }

  /**
   * Per lot, its own declared origin country or else the union of its parents' origins, in
   * topological order (Kahn); lots on a cycle keep only their own.
   */
  private static Map<LotId, SortedSet<String>> origins(
      List<LotId> ids, Map<LotId, List<LotId>> parents, Map<LotId, String> own) {
    Map<LotId, Integer> waiting = new HashMap<>();
    Map<LotId, List<LotId>> children = new HashMap<>();
    for (LotId id : ids) {
      waiting.put(id, parents.get(id).size());
      for (LotId p : parents.get(id)) {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
      }
    }
    Map<LotId, SortedSet<String>> origins = new HashMap<>();
    Deque<LotId> ready = new ArrayDeque<>();
    ids.stream().filter(id -> waiting.get(id) == 0).forEach(ready::add);
    while (!ready.isEmpty()) {
      LotId id = ready.poll();
      SortedSet<String> set = new TreeSet<>();
      if (own.containsKey(id)) {
        set.add(own.get(id));
      } else {
        parents.get(id).forEach(p -> set.addAll(origins.get(p)));
      }
      origins.put(id, set);
      for (LotId c : children.getOrDefault(id, List.of())) {
        if (waiting.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    for (LotId id : ids) {
      origins.computeIfAbsent(
          id, k -> own.containsKey(k) ? new TreeSet<>(Set.of(own.get(k))) : new TreeSet<>());
    }
    return origins;
  }
}

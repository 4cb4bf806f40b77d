#!/usr/bin/env python3
"""Independent OmniRoute oracle, written from SPEC.md (and docs/DECISIONS.md where SPEC is silent).

Brute force: every assignment of lines to candidate locations is enumerated (exact for small networks).
Lifecycle (SPEC §3, DECISIONS "Lifecycle"): pick_short, backorders filled by receive, return, stock counts below
reserved (newest reservation first: an order's line re-routed, a hold released) are modelled; the readings chosen where SPEC/DECISIONS are open are marked
"READING" below and listed in README.md.
Events: availability feed and reorder signal (SPEC §3), per command; see batch_events.
Not covered: kpi, status.

Usage: oracle.py --network DIR --commands FILE --out FILE [--events FILE]
"""
import argparse
import collections
import csv
import itertools
import json
import math
import os
import sys

SERVICES = ("STANDARD", "EXPEDITED", "SAME_DAY")
R_KM = 6371.0088
KM_PER_MILE = 1.609344
ZONE_UPPER = (50, 150, 300, 600, 1000, 1400, 1800)
INF = float("inf")
NOT_ROUTED = ("INVALID", "DUPLICATE_ORDER_ID", "UNKNOWN_SKU", "UNKNOWN_ZIP")   # rejects that never reach routing


def distance_km(lat1, lon1, lat2, lon2):
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = math.radians(lat2 - lat1)
    dl = math.radians(lon2 - lon1)
    s1 = math.sin(dp / 2)
    s2 = math.sin(dl / 2)
    a = s1 * s1 + math.cos(p1) * math.cos(p2) * s2 * s2
    return 2 * R_KM * math.asin(math.sqrt(min(1.0, a)))


def zone_of(km):
    miles = km / KM_PER_MILE
    for i, ub in enumerate(ZONE_UPPER):
        if miles <= ub:
            return i + 1
    return 8


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Network:
    def __init__(self, d):
        self.locs = {}
        for r in read_csv(os.path.join(d, "locations.csv")):
            self.locs[r["location_id"]] = dict(
                id=r["location_id"], lat=float(r["lat"]), lon=float(r["lon"]),
                handling=int(r["handling_cost_cents"]), cap=int(r["daily_capacity"]),
                services=set(s for s in r["services"].split("|") if s),
                radius=float(r["same_day_radius_km"]))
        self.skus = {}
        for r in read_csv(os.path.join(d, "skus.csv")):
            self.skus[r["sku"]] = dict(weight=int(r["weight_g"]), lead=int(r["lead_time_days"]))
        self.rates = []
        for i, r in enumerate(read_csv(os.path.join(d, "rates.csv"))):
            self.rates.append(dict(carrier=r["carrier"], service=r["service"], zone=int(r["zone"]),
                                   maxw=int(r["max_weight_g"]), price=int(r["price_cents"]),
                                   transit=int(r["transit_days"]), idx=i))
        self.stock = []
        for r in read_csv(os.path.join(d, "stock.csv")):
            self.stock.append((r["sku"], r["location_id"], int(r["on_hand"]), int(r["safety_stock"] or 0)))
        self.zips = {}
        for r in read_csv(os.path.join(d, "zips.csv")):
            self.zips[r["zip"]] = (float(r["lat"]), float(r["lon"]))
        self.channel_skus = {}
        self.channel_order = []   # DECISIONS "Availability feed": channels named in the channel files first
        self.listings = {}        # channel -> master sku -> [channel_sku, ...] in file order
        p = os.path.join(d, "channel_skus.csv")
        if os.path.exists(p):
            for r in read_csv(p):
                self.channel_skus[(r["channel"], r["channel_sku"])] = r["sku"]
                if r["channel"] not in self.channel_order:
                    self.channel_order.append(r["channel"])
                ls = self.listings.setdefault(r["channel"], {}).setdefault(r["sku"], [])
                if r["channel_sku"] not in ls:
                    ls.append(r["channel_sku"])
        self.channel_locs = {}
        p = os.path.join(d, "channel_locations.csv")
        if os.path.exists(p):
            for r in read_csv(p):
                self.channel_locs.setdefault(r["channel"], set()).add(r["location_id"])
                if r["channel"] not in self.channel_order:
                    self.channel_order.append(r["channel"])
        self.policy = {}
        p = os.path.join(d, "policy.properties")
        if os.path.exists(p):
            with open(p) as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#") or "=" not in line:
                        continue
                    k, v = line.split("=", 1)
                    self.policy[k.strip()] = v.strip()
        self.penalty = int(self.policy.get("split_penalty_cents", 0))
        self.loc_ids = sorted(self.locs)
        self._rate_cache = {}

    def rate(self, service, zone, weight, mtd):
        key = (service, zone, weight, mtd)
        if key in self._rate_cache:
            return self._rate_cache[key]
        best = None
        for r in self.rates:
            if r["service"] != service or r["zone"] != zone or r["maxw"] < weight:
                continue
            if mtd is not None and r["transit"] > mtd:
                continue
            k = (r["price"], r["carrier"], r["transit"], r["maxw"], r["idx"])
            if best is None or k < best[0]:
                best = (k, r)
        res = None if best is None else best[1]
        self._rate_cache[key] = res
        return res


class Reject(Exception):
    def __init__(self, reason, message=None):
        self.reason = reason
        self.message = message


class Oracle:
    def __init__(self, net):
        self.net = net
        self.on_hand = {}
        self.reserved = {}
        self.safety = {}
        for sku, loc, oh, ss in net.stock:
            self.on_hand[(sku, loc)] = oh
            self.safety[(sku, loc)] = ss
            self.reserved[(sku, loc)] = 0
        self.cap_used = {l: 0 for l in net.locs}
        self.day = 0
        self.orders = {}   # id -> dict(content, result, shipments=[{loc, lines{sku:qty}, state}], cancelled)
        self.holds = {}    # id -> dict(state, content, lines_key, result, shipments, day, expires, n)
        self.hold_counter = 0
        self.alloc_n = 0
        self.excluded = None   # pick_short re-routes from the *other* locations
        self.stats = collections.Counter()   # how often the lifecycle branches ran (coverage of a diff run)
        self.backorders = []   # oldest first: dict(order, sku, qty, n)
        self.bo_n = 0
        self.clock = None
        self.seq = 0
        self.notes = []    # things the oracle does not model, per seq
        self.ulp_touch = False
        self.engine_results = None  # engine results, needed only for orders of more than 8 lines
        self.heuristic_problems = []
        # events
        # READING: the channels named in the channel files in name order (DECISIONS gives no order among them;
        # the engine's output shows name order), then channels seen in commands, in order of first appearance
        self.channels = sorted(net.channel_order)
        self.events = []         # per seq (index seq-1): list of event dicts
        self.new_channel = {}    # seq -> channel first seen by that command
        self.today = {}          # units ordered today per master SKU
        self.demand = {}         # smoothed daily demand per master SKU
        self.alpha = float(net.policy.get("demand_smoothing", 0.3))
        # READING: a SKU already below its reorder point when the network loads has not "dropped" below it:
        # it fires only after it has recovered and dropped again
        snap = self.atp_snapshot()
        self.reorder_fired = {s: self.network_available(snap, s) < self.reorder_point(s) for s in net.skus}

    # ------------------------------------------------------------------ state helpers
    def atp(self, sku, loc):
        oh = self.on_hand.get((sku, loc), 0)
        rs = self.reserved.get((sku, loc), 0)
        ss = self.safety.get((sku, loc), 0)
        return max(0, oh - rs - ss)

    def cap_left(self, loc):
        c = self.net.locs[loc]["cap"]
        return c < 0 or self.cap_used[loc] < c

    # ------------------------------------------------------------------ routing
    def candidates(self, channel, dest, service, ignore_capacity):
        out = []
        rule = self.net.channel_locs.get(channel)
        for lid in self.net.loc_ids:
            if lid == self.excluded:
                continue
            L = self.net.locs[lid]
            if service not in L["services"]:
                continue
            if rule is not None and lid not in rule:
                continue
            d = distance_km(L["lat"], L["lon"], dest[0], dest[1])
            if service == "SAME_DAY" and d == L["radius"]:
                self.ulp_touch = True   # exact-equality boundary: 1-ulp libm differences decide it
            if service == "SAME_DAY" and not (d <= L["radius"]):
                continue
            if not ignore_capacity and not self.cap_left(lid):
                continue
            out.append((lid, zone_of(d)))
        return out

    def ship_cost(self, lid, zone, weight, service, mtd):
        r = self.net.rate(service, zone, weight, mtd)
        if r is None:
            return None
        return (self.net.locs[lid]["handling"] + r["price"], r)

    def whole_line_plan(self, lines, cands, service, mtd, ship_complete, unlimited_stock):
        """lines: sorted list of (sku, qty). Returns best plan or None.
        plan = (cost, nships, locvec, {lid: (cost, rate, [(sku, qty)])}, zone map)"""
        zones = dict(cands)
        lids = [c[0] for c in cands]
        per_line = []
        for sku, qty in lines:
            opts = [l for l in lids if unlimited_stock or self.atp(sku, l) >= qty]
            if not opts:
                return None
            per_line.append(opts)
        best = None
        n = len(lines)
        wts = [q * self.net.skus[sku]["weight"] for sku, q in lines]
        idx = {l: i for i, l in enumerate(lids)}
        per_idx = [[idx[l] for l in o] for o in per_line]
        if ship_complete:
            assigns = ((i,) * n for i in range(len(lids)) if all(i in o for o in per_idx))
        else:
            assigns = itertools.product(*per_idx)
        table = {}   # (location index, line mask) -> shipment cost tuple or None
        pen = self.net.penalty
        for a in assigns:
            masks = {}
            for i, li in enumerate(a):
                masks[li] = masks.get(li, 0) | (1 << i)
            total = pen * (len(masks) - 1)
            ok = True
            for li, m in masks.items():
                k = (li, m)
                sc = table.get(k, 0)
                if sc == 0:
                    w = sum(wts[i] for i in range(n) if m >> i & 1)
                    sc = self.ship_cost(lids[li], zones[lids[li]], w, service, mtd)
                    table[k] = sc
                if sc is None:
                    ok = False
                    break
                total += sc[0]
            if not ok:
                continue
            key = (total, len(masks), a)
            if best is None or key < best[0]:
                best = (key, masks)
        if best is None:
            return None
        key, masks = best
        ships = {}
        for li, m in masks.items():
            sc = table[(li, m)]
            ships[lids[li]] = (sc[0], sc[1], [lines[i] for i in range(n) if m >> i & 1])
        return ((key[0], key[1], tuple(lids[i] for i in key[2])), ships, zones)

    def split_plan(self, lines, cands, service, mtd, unlimited_stock):
        """DECISIONS.md: the cheaper of two greedy plans (total cost, then fewer shipments, then the first).
        Returns (key, ships, zones, "split") or None."""
        zones = dict(cands)
        lids = [c[0] for c in cands]
        a = self.split_greedy(lines, lids, zones, service, mtd, unlimited_stock, False)
        b = self.split_greedy(lines, lids, zones, service, mtd, unlimited_stock, True)
        if a is None or (b is not None and b[0][:2] < a[0][:2]):
            return b
        return a

    def split_greedy(self, lines, lids, zones, service, mtd, unlimited_stock, whole_first):
        """whole_first false: every line in SKU order, from the least marginal cost per unit.
        whole_first true: each line that some location can ship whole goes whole, in SKU order, to the least
        marginal cost; then the others are filled in SKU order from the least marginal cost."""
        plan = {}  # lid -> dict sku->qty
        plan_cost = {}

        def weight_at(l):
            return sum(q * self.net.skus[s]["weight"] for s, q in plan.get(l, {}).items())

        def marginal_of(l, sc):
            return sc[0] - plan_cost[l] if l in plan else sc[0] + (self.net.penalty if plan else 0)

        def add(l, sku, take, sc):
            plan.setdefault(l, {})
            plan[l][sku] = plan[l].get(sku, 0) + take
            plan_cost[l] = sc[0]

        rest = lines
        if whole_first:
            rest = []
            for sku, qty in lines:
                best = None
                for l in lids:
                    avail = INF if unlimited_stock else self.atp(sku, l) - plan.get(l, {}).get(sku, 0)
                    if avail < qty:
                        continue
                    sc = self.ship_cost(l, zones[l], weight_at(l) + qty * self.net.skus[sku]["weight"], service,
                                        mtd)
                    if sc is None:
                        continue
                    m = marginal_of(l, sc)
                    if best is None or m < best[0]:  # ties: the smaller id (lids ascend)
                        best = (m, l, sc)
                if best is None:
                    rest.append((sku, qty))
                else:
                    add(best[1], sku, qty, best[2])
        for sku, qty in rest:
            left = qty
            while left > 0:
                best = None
                for l in lids:
                    have = plan.get(l, {})
                    if unlimited_stock:
                        avail = INF
                    else:
                        avail = self.atp(sku, l) - have.get(sku, 0)
                    if avail <= 0:
                        continue
                    take = min(left, avail)
                    w_old = sum(q * self.net.skus[s]["weight"] for s, q in have.items())
                    unit = self.net.skus[sku]["weight"]
                    sc = self.ship_cost(l, zones[l], w_old + take * unit, service, mtd)
                    if sc is None:
                        # too heavy for every rate: the most units that still have one (binary search; a rate
                        # that exists for a weight exists for every lighter one)
                        lo, hi = 0, take - 1
                        while lo < hi:
                            mid = (lo + hi + 1) // 2
                            if self.ship_cost(l, zones[l], w_old + mid * unit, service, mtd) is not None:
                                lo = mid
                            else:
                                hi = mid - 1
                        take = lo
                        if take == 0:
                            continue
                        sc = self.ship_cost(l, zones[l], w_old + take * unit, service, mtd)
                    marginal = marginal_of(l, sc)
                    # least marginal per unit (whole_first: least marginal); ties: larger take, then smaller id
                    if best is None:
                        best = (marginal, take, l, sc)
                    else:
                        bm, bt, bl, _ = best
                        lhs, rhs = (marginal, bm) if whole_first else (marginal * bt, bm * take)
                        if lhs < rhs or (lhs == rhs and (take > bt or (take == bt and l < bl))):
                            best = (marginal, take, l, sc)
                if best is None:
                    return None
                marginal, take, l, sc = best
                add(l, sku, take, sc)
                left -= take
        ships = {}
        total = 0
        for l, d in plan.items():
            w = sum(q * self.net.skus[s]["weight"] for s, q in d.items())
            sc = self.ship_cost(l, zones[l], w, service, mtd)
            ships[l] = (sc[0], sc[1], sorted(d.items()))
            total += sc[0]
        total += self.net.penalty * (len(plan) - 1)
        return ((total, len(plan), None), ships, zones, "split")

    def plan_exists_or_best(self, lines, channel, dest, service, mtd, ship_complete,
                            unlimited_stock, ignore_capacity):
        cands = self.candidates(channel, dest, service, ignore_capacity)
        p = self.whole_line_plan(lines, cands, service, mtd, ship_complete, unlimited_stock)
        if p is not None:
            return p
        if ship_complete:
            return None
        return self.split_plan(lines, cands, service, mtd, unlimited_stock)

    def route(self, lines, channel, dest, service, mtd, ship_complete):
        """Returns (plan, None) or (None, reason)."""
        p = self.plan_exists_or_best(lines, channel, dest, service, mtd, ship_complete, False, False)
        if p is not None:
            return p, None
        if self.plan_exists_or_best(lines, channel, dest, service, mtd, ship_complete, True, True) is None:
            return None, "NO_SERVICE"
        if self.plan_exists_or_best(lines, channel, dest, service, mtd, ship_complete, False, True) is not None:
            return None, "NO_CAPACITY"
        if ship_complete and self.plan_exists_or_best(lines, channel, dest, service, mtd, False, False, False) is not None:
            return None, "SHIP_COMPLETE_IMPOSSIBLE"
        return None, "OUT_OF_STOCK"

    def plan_to_json(self, plan, service):
        key, ships, zones = plan[0], plan[1], plan[2]
        out = []
        for l in sorted(ships):
            cost, r, ls = ships[l]
            out.append(dict(location_id=l, carrier=r["carrier"], service=service, zone=zones[l],
                            transit_days=r["transit"], cost_cents=cost,
                            lines=[dict(sku=s, qty=q) for s, q in sorted(ls)]))
        return key[0], out

    def apply_plan(self, plan):
        ships = []
        for l in sorted(plan[1]):
            cost, r, ls = plan[1][l]
            for s, q in ls:
                self.reserved[(s, l)] = self.reserved.get((s, l), 0) + q
            self.cap_used[l] += 1
            self.alloc_n += 1
            # seq/n: when the allocation was made (a converted hold takes its order's seq: DECISIONS says "newest
            # allocation first"; the oracle first read SPEC's "newest reservations" as the hold's seq);
            # used by the stock re-route's "newest first"
            ships.append(dict(loc=l, lines=[[s, q] for s, q in ls], state="OPEN", seq=self.seq, n=self.alloc_n))
        return ships

    # ------------------------------------------------------------------ commands
    def resolve(self, cmd):
        channel = cmd.get("channel")
        merged = {}
        unknown = False
        for ln in cmd.get("lines") or []:
            s = ln["sku"]
            m = self.net.channel_skus.get((channel, s))
            if m is None:
                if s in self.net.skus:
                    m = s
                else:
                    unknown = True
                    continue
            merged[m] = merged.get(m, 0) + ln["qty"]
        lines = tuple(sorted(merged.items()))
        if "zip" in cmd and cmd["zip"] is not None:
            dest = self.net.zips.get(cmd["zip"])
            dest_key = ("zip", cmd["zip"])
        else:
            dest = (cmd["lat"], cmd["lon"])
            dest_key = ("ll", cmd["lat"], cmd["lon"])
        return lines, unknown, dest, dest_key

    def validate(self, cmd, need_service=True):
        lines = cmd.get("lines")
        if not isinstance(lines, list) or not lines:
            raise Reject("INVALID", "lines")
        for ln in lines:
            if not isinstance(ln.get("qty"), int) or ln["qty"] <= 0:
                raise Reject("INVALID", "qty")
        if need_service and cmd.get("service") not in SERVICES:
            raise Reject("INVALID", "service")
        mtd = cmd.get("max_transit_days")
        if mtd is not None and mtd < 0:
            raise Reject("INVALID", "max_transit_days")

    def advance_clock(self, cmd):
        ts = cmd.get("ts")
        if ts is None:
            return
        if self.clock is not None and ts <= self.clock:
            return
        self.clock = ts
        exp = [(h["n"], hid) for hid, h in self.holds.items() if h["state"] == "HELD" and h["expires"] < ts]
        for _, hid in sorted(exp):
            self.end_hold(hid, "EXPIRED")

    def end_hold(self, hid, state):
        h = self.holds[hid]
        same_day = h["day"] == self.day
        for sh in h["shipments"]:
            for s, q in sh["lines"]:
                self.reserved[(s, sh["loc"])] -= q
            if same_day:
                self.cap_used[sh["loc"]] -= 1
        h["state"] = state

    def process(self, cmd):
        self.seq += 1
        t = cmd.get("type")
        base = dict(seq=self.seq, type=t) if t is not None else dict(seq=self.seq)   # DECISIONS: type echoed when readable
        before = self.atp_snapshot()
        if getattr(self, "cmd_" + str(t), None) is not None:
            # READING (engine's; cases/unknown-type-does-not-move-clock): a line with no known `type` is not a
            # command, its `ts` does not move the clock (so it expires no hold); a known command rejected
            # INVALID does move it
            self.advance_clock(cmd)
        self.ulp_touch = False
        r = self._process(cmd, base, t)
        if self.ulp_touch:
            r["_ulp"] = True
        ch = cmd.get("channel")
        if t in ("order", "quote", "hold") and isinstance(ch, str) and ch not in self.channels \
                and not (r.get("status") == "REJECTED" and r.get("reason") in NOT_ROUTED):
            # READING (first "any command naming it"; changed to the engine's after the diff run,
            # cases/channel-seen-only-when-routed): a channel is "seen" by an order, quote or hold that gets past
            # validation and resolution (not INVALID, DUPLICATE_ORDER_ID, UNKNOWN_SKU, UNKNOWN_ZIP). It is
            # added before this command's events, which compare with the state before the command.
            self.channels.append(ch)
            self.new_channel[self.seq] = ch
        if t == "order":
            self.count_demand(cmd, r)
        self.events.append(self.batch_events(before, self.atp_snapshot()))
        return r

    # ------------------------------------------------------------------ events (SPEC §3 feed and reorder signal)
    def count_demand(self, cmd, r):
        """READING (changed after the first diff runs; it was "new allocations only"; cases/demand-counts-rejected-orders):
        demand is every unit of an order that was routed, allocated or rejected by routing (OUT_OF_STOCK,
        NO_CAPACITY, NO_SERVICE, SHIP_COMPLETE_IMPOSSIBLE: lost sales are demand too), in master SKUs; not
        counted: INVALID, DUPLICATE_ORDER_ID, UNKNOWN_SKU, UNKNOWN_ZIP (never routed) and a retry answered with
        the first decision (not a new order)."""
        if r.get("status") == "REJECTED" and r.get("reason") in NOT_ROUTED:
            return
        if r.get("status") == "ALLOCATED":
            o = self.orders.get(cmd.get("order_id"))
            if o is None or o["seq"] != self.seq:
                return
        try:
            lines = self.resolve(cmd)[0]
        except Exception:
            return
        for sku, q in lines:
            self.today[sku] = self.today.get(sku, 0) + q

    def atp_snapshot(self):
        return {(s, l): self.atp(s, l) for s in self.net.skus for l in self.net.loc_ids}

    def channel_locs_of(self, channel):
        """SPEC §1: the locations that may serve the channel = its channel rule, or every location without one
        (DECISIONS). READING: only the channel rule; service, radius and capacity do not narrow it."""
        rule = self.net.channel_locs.get(channel)
        return self.net.loc_ids if rule is None else [l for l in self.net.loc_ids if l in rule]

    def network_available(self, snap, sku):
        return sum(snap[(sku, l)] for l in self.net.loc_ids)

    def reorder_point(self, sku):
        ss = sum(v for (s, l), v in self.safety.items() if s == sku and l in self.net.locs)
        return math.ceil(self.demand.get(sku, 0.0) * self.net.skus[sku]["lead"]) + ss

    def batch_events(self, before, after):
        """One batch = one command (DECISIONS). availability: for every channel and master SKU whose available
        quantity (sum of atp over the channel's locations) differs after the command from before it: one event
        per listing of that SKU in that channel, else one under the master SKU. reorder: network available
        (sum of atp over every location) below the reorder point, fired when it goes below and re-armed when
        it is back at or above it. Order here (as the engine's; DECISIONS fixes only the channel order): by master
        SKU, its availability events in channel order and channel-SKU name order, then its reorder event (diff.py
        compares per seq as multisets and counts order differences)."""
        evs = []
        changed = {s for (s, l) in after if after[(s, l)] != before[(s, l)]}
        for sku in sorted(self.net.skus):
            if sku not in changed:
                self.reorder_check(sku, after, evs)
                continue
            for ch in self.channels:
                locs = self.channel_locs_of(ch)
                a = sum(after[(sku, l)] for l in locs)
                b = sum(before[(sku, l)] for l in locs)
                if a == b:
                    continue
                names = self.net.listings.get(ch, {}).get(sku)
                if not names:
                    # DECISIONS (session 4): no master-name event where the channel uses that name as the listing
                    # of another product (cases/channel-sku-shadows-master): one name, one product per channel
                    mapped = self.net.channel_skus.get((ch, sku))
                    names = [] if mapped is not None and mapped != sku else [sku]
                for name in sorted(names):
                    evs.append(dict(seq=self.seq, type="availability", channel=ch, sku=name, available=a))
            self.reorder_check(sku, after, evs)
        self.stats["event: availability"] += sum(1 for e in evs if e["type"] == "availability")
        return evs

    def reorder_check(self, sku, after, evs):
        """DECISIONS "Reorder": fires when network availability drops below the reorder point, again only after
        it has recovered. READINGS: checked after every command for every SKU (a new_day raising the reorder
        point or a count raising safety stock can fire it too); "recovered" = back at or above the point."""
        na = self.network_available(after, sku)
        rp = self.reorder_point(sku)
        if na < rp:
            if not self.reorder_fired.get(sku):
                self.reorder_fired[sku] = True
                evs.append(dict(seq=self.seq, type="reorder", sku=sku, network_available=na, reorder_point=rp))
                self.stats["event: reorder fired"] += 1
        else:
            if self.reorder_fired.get(sku):
                self.stats["event: reorder re-armed"] += 1
            self.reorder_fired[sku] = False

    def _process(self, cmd, base, t):
        try:
            fn = getattr(self, "cmd_" + str(t), None)
            if fn is None:
                raise Reject("INVALID", "type")
            return fn(cmd, base)
        except Reject as e:
            r = dict(base)
            if t in ("order", "cancel", "ship", "pick_short", "return") and "order_id" in cmd:
                r["order_id"] = cmd["order_id"]
            if t in ("hold", "release") and "hold_id" in cmd:
                r["hold_id"] = cmd["hold_id"]
            r["status"] = "REJECTED"
            r["reason"] = e.reason
            if e.message is not None:
                r["_message"] = e.message
            return r

    def cmd_order(self, cmd, base):
        oid = cmd["order_id"]
        base["order_id"] = oid
        self.validate(cmd)
        lines, unknown, dest, dest_key = self.resolve(cmd)
        service = cmd["service"]
        sc = bool(cmd.get("ship_complete", False))
        mtd = cmd.get("max_transit_days")
        content = (cmd.get("channel"), dest_key, service, sc, mtd, lines)
        if oid in self.orders:
            o = self.orders[oid]
            if o["content"] == content:
                r = dict(o["result"])
                r["seq"] = self.seq
                return r
            raise Reject("DUPLICATE_ORDER_ID")
        if unknown:
            raise Reject("UNKNOWN_SKU")
        if dest is None:
            raise Reject("UNKNOWN_ZIP")
        hid = cmd.get("hold_id")
        if hid is not None and hid in self.holds and self.holds[hid]["state"] == "HELD" \
                and self.holds[hid]["lines"] == lines:
            h = self.holds[hid]
            h["state"] = "CONVERTED"
            for sh in h["shipments"]:   # the order is allocated now: DECISIONS "newest allocation first"
                self.alloc_n += 1
                sh["seq"], sh["n"] = self.seq, self.alloc_n
            r = dict(base, status="ALLOCATED", total_cost_cents=h["result"]["total_cost_cents"],
                     shipments=h["result"]["shipments"])
            self.orders[oid] = dict(content=content, result=r, shipments=h["shipments"], cancelled=False,
                                    dest=dest, returned={}, seq=self.seq)
            return r
        if len(lines) > 8:
            return self.heuristic_order(cmd, base, content, lines, dest, service, mtd, sc)
        plan, reason = self.route(list(lines), cmd.get("channel"), dest, service, mtd, sc)
        if plan is None:
            raise Reject(reason)
        total, ships = self.plan_to_json(plan, service)
        r = dict(base, status="ALLOCATED", total_cost_cents=total, shipments=ships)
        if len(plan) > 3:
            r["_split"] = True
        self.orders[oid] = dict(content=content, result=r, shipments=self.apply_plan(plan), cancelled=False,
                                dest=dest, returned={}, seq=self.seq)
        return r

    def heuristic_order(self, cmd, base, content, lines, dest, service, mtd, sc):
        """More than 8 distinct lines: SPEC allows a heuristic, never worse than the best single-location
        plan when one exists. Without the engine's answer the oracle cannot name the plan; with it
        (self.engine_results), the engine's plan is checked for feasibility, its costs recomputed, the
        bound checked, and then adopted so both states stay equal."""
        cands = self.candidates(cmd.get("channel"), dest, service, False)
        single = self.whole_line_plan(list(lines), cands, service, mtd, True, False)
        e = self.engine_results[self.seq - 1] if self.engine_results else None
        problems = []
        if e is None:
            self.notes.append((self.seq, "order with more than 8 lines: engine answer needed"))
            return dict(base, status="?")
        if e.get("status") != "ALLOCATED":
            if single is not None:
                problems.append("rejected %s although a single-location plan of cost %d exists"
                                % (e.get("reason"), single[0][0]))
            self.heuristic_problems.append((self.seq, problems))
            r = dict(base, status=e.get("status"), reason=e.get("reason"))
            if problems:
                r["_heuristic_problems"] = problems
            return r
        zones = dict(cands)
        ships = {}
        want = dict(lines)
        got = {}
        for sh in e["shipments"]:
            l = sh["location_id"]
            if l not in zones:
                problems.append("location %s may not ship this order" % l)
                continue
            ls = [(x["sku"], x["qty"]) for x in sh["lines"]]
            for sku, q in ls:
                got[sku] = got.get(sku, 0) + q
                if self.atp(sku, l) < q:
                    problems.append("%s at %s: atp %d < %d" % (sku, l, self.atp(sku, l), q))
            w = sum(q * self.net.skus[x]["weight"] for x, q in ls)
            c = self.ship_cost(l, zones[l], w, service, mtd)
            if c is None:
                problems.append("no rate for %s weight %d" % (l, w))
                continue
            if c[0] != sh["cost_cents"] or c[1]["carrier"] != sh["carrier"] or c[1]["transit"] != sh["transit_days"]:
                problems.append("shipment %s: engine %s/%s/%s, oracle %s/%s/%s" % (
                    l, sh["cost_cents"], sh["carrier"], sh["transit_days"], c[0], c[1]["carrier"], c[1]["transit"]))
            ships[l] = (c[0], c[1], ls)
        if got != want:
            problems.append("lines shipped %s != ordered %s" % (got, want))
        if sc and len(e["shipments"]) != 1:
            problems.append("ship_complete with %d shipments" % len(e["shipments"]))
        seen = [x["sku"] for sh in e["shipments"] for x in sh["lines"]]
        if single is not None and len(seen) != len(set(seen)):
            problems.append("a line split although a whole-line plan exists")
        total = sum(v[0] for v in ships.values()) + self.net.penalty * (len(ships) - 1)
        if total != e.get("total_cost_cents"):
            problems.append("total engine %s oracle %d" % (e.get("total_cost_cents"), total))
        if single is not None and e.get("total_cost_cents", 0) > single[0][0]:
            problems.append("cost %s worse than best single location %s (%d)" % (
                e.get("total_cost_cents"), single[0][2][0], single[0][0]))
        self.heuristic_problems.append((self.seq, problems))
        r = dict(e)
        r["seq"] = self.seq
        if problems:
            r["_heuristic_problems"] = problems
        self.orders[cmd["order_id"]] = dict(content=content, result=r,
                                            shipments=self.apply_plan((None, ships)), cancelled=False,
                                            dest=dest, returned={}, seq=self.seq)
        return r

    def _order(self, cmd, base):
        """The order a lifecycle command names (UNKNOWN_ORDER when there is none), its id echoed in the result."""
        oid = cmd["order_id"]
        base["order_id"] = oid
        o = self.orders.get(oid)
        if o is None:
            raise Reject("UNKNOWN_ORDER")
        return oid, o

    def cmd_cancel(self, cmd, base):
        oid, o = self._order(cmd, base)
        if o["cancelled"]:
            return dict(base, status="OK")
        has_bo = any(b["order"] == oid for b in self.backorders)
        # READING: "every shipment has shipped" counts only shipments that still hold something (a shipment
        # emptied by pick_short / a stock re-route is CANCELLED and does not count); a backorder is still open
        if not has_bo and not any(s["state"] == "OPEN" for s in o["shipments"]) \
                and any(s["state"] == "SHIPPED" for s in o["shipments"]):
            raise Reject("ALREADY_SHIPPED")
        self.backorders = [b for b in self.backorders if b["order"] != oid]   # cancelling drops its backorders
        for s in o["shipments"]:
            if s["state"] == "OPEN":
                for sku, q in s["lines"]:
                    self.reserved[(sku, s["loc"])] -= q
                s["state"] = "CANCELLED"
        o["cancelled"] = True
        return dict(base, status="OK")

    def cmd_ship(self, cmd, base):
        oid, o = self._order(cmd, base)
        sh = [s for s in o["shipments"] if s["loc"] == cmd.get("location_id")]
        if not sh:
            raise Reject("INVALID", "location")
        opened = [s for s in sh if s["state"] == "OPEN"]
        if not opened:
            if any(s["state"] == "SHIPPED" for s in sh):
                raise Reject("ALREADY_SHIPPED")
            raise Reject("INVALID", "cancelled")
        # A re-route may give one order two open shipments at one location; `ship` (order, location) ships every
        # open one there (DECISIONS since session 4, cases/two-shipments-one-location: SPEC is silent)
        for s in opened:
            for sku, q in s["lines"]:
                self.on_hand[(sku, s["loc"])] -= q
                self.reserved[(sku, s["loc"])] -= q
            s["state"] = "SHIPPED"
        return dict(base, status="OK")

    def _sku_loc(self, cmd):
        if cmd.get("sku") not in self.net.skus:
            raise Reject("UNKNOWN_SKU")
        if cmd.get("location_id") not in self.net.locs:
            raise Reject("INVALID", "location_id")
        return cmd["sku"], cmd["location_id"]

    def cmd_receive(self, cmd, base):
        k = self._sku_loc(cmd)
        if not isinstance(cmd.get("qty"), int) or cmd["qty"] <= 0:
            raise Reject("INVALID", "qty")
        self.on_hand[k] = self.on_hand.get(k, 0) + cmd["qty"]
        filled = self.fill_backorders(*k)
        r = dict(base, status="OK")
        if filled:
            r["orders"] = filled
        return r

    def cmd_stock(self, cmd, base):
        oh, ss = cmd.get("on_hand"), cmd.get("safety_stock")
        if not isinstance(oh, int) or oh < 0 or (ss is not None and (not isinstance(ss, int) or ss < 0)):
            raise Reject("INVALID", "on_hand/safety_stock")   # a count is >= 0, checked before the references
        k = self._sku_loc(cmd)
        self.on_hand[k] = cmd["on_hand"]
        if cmd.get("safety_stock") is not None:
            self.safety[k] = cmd["safety_stock"]
        affected = self.stock_reroute(*k)
        r = dict(base, status="OK")
        if affected:
            r["orders"] = affected
        return r

    # ------------------------------------------------------------------ lifecycle (SPEC §3, DECISIONS "Lifecycle")
    def reroute(self, oid, sku, qty, exclude, why):
        """Route (sku, qty) of order oid again (§2) under the order's channel, destination, service and transit
        limit, ship_complete not applied (DECISIONS for pick_short; READING: the same for a stock re-route).
        The short quantity is routed as a plan of its own: its cost is that plan's (split penalty counted
        among its own shipments only). Returns the result entry fields; a failure is a backorder of qty."""
        o = self.orders[oid]
        channel, _, service, _, mtd, _ = o["content"]
        dest = o["dest"]
        self.excluded = exclude
        try:
            plan, reason = self.route([(sku, qty)], channel, dest, service, mtd, False)
        finally:
            self.excluded = None
        if plan is None:
            self.bo_n += 1
            self.backorders.append(dict(order=oid, sku=sku, qty=qty, n=self.bo_n))
            self.stats["%s re-route: backordered" % why] += 1
            return dict(status="BACKORDERED", backordered_qty=self.backordered(oid))
        total, ships = self.plan_to_json(plan, service)
        o["shipments"].extend(self.apply_plan(plan))
        self.stats["%s re-route: %d shipment(s)%s" % (why, len(ships), " (line split)" if len(plan) > 3 else "")] += 1
        return dict(status="ALLOCATED", total_cost_cents=total, shipments=ships)

    def backordered(self, oid):
        """READING (format): backordered_qty is the order's whole backordered quantity after the command (as in
        status), not only this command's part; given with BACKORDERED, and with a receipt's partial fill."""
        return sum(b["qty"] for b in self.backorders if b["order"] == oid)

    def take_line(self, sh, sku, qty):
        """Shrink an open shipment's line; a shipment left empty is cancelled (its capacity unit is not given
        back, as with cancel)."""
        for ln in sh["lines"]:
            if ln[0] == sku:
                ln[1] -= qty
        self.reserved[(sku, sh["loc"])] -= qty
        if all(q == 0 for _, q in sh["lines"]):
            sh["state"] = "CANCELLED"

    def fill_backorders(self, sku, loc):
        """A receipt fills waiting backorders of that SKU first, oldest first, from the receiving location only,
        when that location may ship the order. READING: a backorder is filled as far as the location's atp goes
        (partial fill: min(backordered, atp) units, the rest stays queued) and one that cannot be filled is
        skipped, later ones may still be filled."""
        filled = []
        for b in list(self.backorders):
            if b["sku"] != sku:
                continue
            o = self.orders[b["order"]]
            channel, _, service, _, mtd, _ = o["content"]
            cands = [c for c in self.candidates(channel, o["dest"], service, False) if c[0] == loc]
            take = min(b["qty"], self.atp(sku, loc))
            if not cands or take <= 0:
                self.stats["receive: backorder skipped (%s)" % ("location may not ship" if not cands else "no atp")] += 1
                continue
            sc = self.ship_cost(loc, cands[0][1], take * self.net.skus[sku]["weight"], service, mtd)
            if sc is None:
                continue
            plan = ((sc[0], 1, (loc,)), {loc: (sc[0], sc[1], [(sku, take)])}, dict(cands))
            total, ships = self.plan_to_json(plan, service)
            o["shipments"].extend(self.apply_plan(plan))
            self.stats["receive: backorder filled %s" % ("whole" if take == b["qty"] else "in part")] += 1
            b["qty"] -= take
            if b["qty"] == 0:
                self.backorders.remove(b)
            e = dict(order_id=b["order"], status="ALLOCATED", shipments=ships)
            if self.backordered(b["order"]):
                e["backordered_qty"] = self.backordered(b["order"])
            filled.append(e)
        return filled

    def stock_reroute(self, sku, loc):
        """A count below reserved: the newest reservations of that SKU there (newest allocation first) are taken
        back until reserved <= on_hand: an order's whole line there is routed again; a hold (SPEC §5: it reserves
        like an order, so it is a reservation by its age like any other) is released.
        READINGS: each line is removed and routed again before the next is considered; the re-route is §2 over
        every location with ship_complete not applied; an order appears once per re-routed line; a hold taken back
        is released, not routed again (a re-routed hold has no result form in SPEC), and is not listed."""
        k = (sku, loc)
        affected = []
        while self.reserved.get(k, 0) > self.on_hand.get(k, 0):
            best = None
            for oid, o in self.orders.items():
                for sh in o["shipments"]:
                    if sh["state"] != "OPEN" or sh["loc"] != loc:
                        continue
                    q = sum(x[1] for x in sh["lines"] if x[0] == sku)
                    # newest reservation = the shipment's allocation seq; reservations made by one command (a
                    # receipt filling several backorders): the newer order first (engine's reading,
                    # cases/reroute-newest-within-one-command), then the later made
                    key = (sh["seq"], o["seq"], sh["n"])
                    if q > 0 and (best is None or key > best[3]):
                        best = ("order", oid, (sh, q), key)
            for hid, h in self.holds.items():
                if h["state"] != "HELD":
                    continue
                for sh in h["shipments"]:
                    if sh["loc"] == loc and any(x[0] == sku and x[1] > 0 for x in sh["lines"]):
                        key = (sh["seq"], sh["seq"], sh["n"])   # a hold's seq is its own command's: never an order's
                        if best is None or key > best[3]:
                            best = ("hold", hid, None, key)
            if best is None:
                break
            kind, who, what, _ = best
            if kind == "hold":
                self.end_hold(who, "RELEASED")
                self.stats["stock: hold released"] += 1
                continue
            sh, q = what
            self.take_line(sh, sku, q)
            # every location, the counted one included (DECISIONS since session 4,
            # cases/stock-reroute-skips-counted-location): what the count left there is real
            e = dict(order_id=who, **self.reroute(who, sku, q, None, "stock"))
            if e["status"] == "ALLOCATED" and self.backordered(who):
                e["backordered_qty"] = self.backordered(who)   # format: as a receipt's entries
            affected.append(e)
        for a in affected:
            if a["status"] == "ALLOCATED":
                a.pop("total_cost_cents")   # the receipt/count lists order_id, status, shipments
        return affected

    def _lifecycle_refs(self, sku, loc):
        """READING (as for orders: structure, then references): after UNKNOWN_ORDER, a SKU that is not a master
        SKU is UNKNOWN_SKU (a channel SKU is not accepted: the location picks, and the shipment names, the master
        SKU), then an unknown location is INVALID; then the command's own checks."""
        if sku not in self.net.skus:
            raise Reject("UNKNOWN_SKU")
        if loc not in self.net.locs:
            raise Reject("INVALID", "location_id")

    def cmd_pick_short(self, cmd, base):
        oid, o, sku, loc, qty = self._order_sku_loc_qty(cmd, base, True)
        # READING: the SKU is the master SKU (what the location picks); with several open shipments there
        # holding it (a re-route back to that location), the oldest is picked short
        shs = [sh for sh in o["shipments"] if sh["state"] == "OPEN" and sh["loc"] == loc
               and any(x[0] == sku and x[1] > 0 for x in sh["lines"])]
        if not shs:
            raise Reject("INVALID", "no open shipment holding the sku")
        sh = shs[0]
        if qty > sum(x[1] for x in sh["lines"] if x[0] == sku):
            raise Reject("INVALID", "qty")
        self.on_hand[(sku, loc)] -= qty
        self.take_line(sh, sku, qty)
        r = self.reroute(oid, sku, qty, loc, "pick_short")
        if r["status"] == "ALLOCATED":
            r["status"] = "OK"
        return dict(base, **r)

    def _order_sku_loc_qty(self, cmd, base, extra_ok):
        """The checks pick_short and return share: fields (INVALID, with the command's own extra check), the order
        (UNKNOWN_ORDER), then the SKU and location references."""
        base["order_id"] = cmd.get("order_id")
        qty = cmd.get("qty")
        if not isinstance(cmd.get("order_id"), str) or not isinstance(cmd.get("sku"), str) \
                or not isinstance(cmd.get("location_id"), str) or not isinstance(qty, int) or qty <= 0 \
                or not extra_ok:
            raise Reject("INVALID", "field")
        oid, o = self._order(cmd, base)
        sku, loc = cmd["sku"], cmd["location_id"]
        self._lifecycle_refs(sku, loc)
        return oid, o, sku, loc, qty

    def cmd_return(self, cmd, base):
        oid, o, sku, loc, qty = self._order_sku_loc_qty(cmd, base, isinstance(cmd.get("resellable"), bool))
        shipped = sum(x[1] for sh in o["shipments"] if sh["state"] == "SHIPPED" for x in sh["lines"] if x[0] == sku)
        if shipped == 0:
            raise Reject("NOT_SHIPPED")
        if qty > shipped - o["returned"].get(sku, 0):
            raise Reject("QTY_EXCEEDS_SHIPPED")
        o["returned"][sku] = o["returned"].get(sku, 0) + qty
        self.stats["return: ok %s" % ("resellable" if cmd["resellable"] else "not resellable")] += 1
        if cmd["resellable"]:
            # READING: returned units do not fill backorders (DECISIONS names only a receive)
            self.on_hand[(sku, loc)] = self.on_hand.get((sku, loc), 0) + qty
        return dict(base, status="OK")

    def cmd_new_day(self, cmd, base):
        self.day += 1
        # DECISIONS "Reorder": demand = units ordered per business day, smoothed at each new_day with
        # demand_smoothing. READING: demand starts at 0; d = a * today + (1 - a) * d; units of new allocations
        # only (rejects, retries, holds not counted; a converted hold counts when it becomes the order)
        a = self.alpha
        for sku in self.net.skus:
            self.demand[sku] = a * self.today.get(sku, 0) + (1 - a) * self.demand.get(sku, 0.0)
        self.today = {}
        for l in self.cap_used:
            self.cap_used[l] = 0
        return dict(base, status="OK")

    def cmd_quote(self, cmd, base):
        self.validate(cmd, need_service=False)
        lines, unknown, dest, dest_key = self.resolve(cmd)
        asked = cmd.get("services")
        for s in asked or []:
            if s not in SERVICES:
                raise Reject("INVALID", "services")
        if unknown:
            raise Reject("UNKNOWN_SKU")
        if dest is None:
            raise Reject("UNKNOWN_ZIP")
        merch = sum(ln["qty"] * ln.get("unit_price_cents", 0) for ln in cmd["lines"])
        thr = self.net.policy.get("free_shipping_threshold_cents")
        opts = []
        for s in SERVICES:
            if asked is not None and s not in asked:
                continue
            plan, reason = self.route(list(lines), cmd.get("channel"), dest, s, cmd.get("max_transit_days"), False)
            if plan is None:
                opts.append(dict(service=s, status="REJECTED", reason=reason))
                continue
            total, ships = self.plan_to_json(plan, s)
            price = int(self.net.policy.get("ship_price_%s_cents" % s, 0))
            if s == "STANDARD" and thr is not None and merch >= int(thr):
                price = 0
            opts.append(dict(service=s, status="OK", cost_cents=total,
                             transit_days=max(x["transit_days"] for x in ships),
                             ship_price_cents=price, shipments=ships))
        return dict(base, status="OK", options=opts)

    def cmd_hold(self, cmd, base):
        hid = cmd["hold_id"]
        base["hold_id"] = hid
        hs = cmd.get("hold_seconds")
        if not isinstance(hs, int) or hs <= 0:
            raise Reject("INVALID", "hold_seconds")
        self.validate(cmd)
        lines, unknown, dest, dest_key = self.resolve(cmd)
        service = cmd["service"]
        sc = bool(cmd.get("ship_complete", False))
        mtd = cmd.get("max_transit_days")
        content = (cmd.get("channel"), dest_key, service, sc, mtd, lines)  # DECISIONS' "same content"
        h = self.holds.get(hid)
        if h is not None and h["state"] == "HELD":
            if h["content"] == content:
                r = dict(h["result"])
                r["seq"] = self.seq
                return r
            raise Reject("INVALID", "hold_id other content")
        if unknown:
            raise Reject("UNKNOWN_SKU")
        if dest is None:
            raise Reject("UNKNOWN_ZIP")
        plan, reason = self.route(list(lines), cmd.get("channel"), dest, service, mtd, sc)
        if plan is None:
            raise Reject(reason)
        total, ships = self.plan_to_json(plan, service)
        now = self.clock if self.clock is not None else 0
        exp = now + hs * 1000
        r = dict(base, status="HELD", expires_ts=exp, total_cost_cents=total, shipments=ships)
        self.hold_counter += 1
        self.holds[hid] = dict(state="HELD", content=content, lines=lines, result=r,
                               shipments=self.apply_plan(plan), day=self.day, expires=exp, n=self.hold_counter)
        return r

    def cmd_release(self, cmd, base):
        hid = cmd["hold_id"]
        base["hold_id"] = hid
        h = self.holds.get(hid)
        if h is None or h["state"] == "CONVERTED":
            raise Reject("UNKNOWN_HOLD")
        if h["state"] == "EXPIRED":
            raise Reject("HOLD_EXPIRED")
        if h["state"] == "HELD":
            self.end_hold(hid, "RELEASED")
        return dict(base, status="OK")


def run(network_dir, commands_path, out_path, engine_results=None, events_path=None):
    net = Network(network_dir)
    o = Oracle(net)
    o.engine_results = engine_results
    res = []
    with open(commands_path) as f:
        for line in f:
            if not line.strip():
                continue
            try:
                cmd = json.loads(line)
            except ValueError:
                o.seq += 1
                o.events.append([])
                res.append(dict(seq=o.seq, status="REJECTED", reason="INVALID"))
                continue
            res.append(o.process(cmd))
    with open(out_path, "w") as f:
        for r in res:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    if events_path:
        with open(events_path, "w") as f:
            for evs in o.events:
                for e in evs:
                    f.write(json.dumps(e, separators=(",", ":")) + "\n")
    return o


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", required=True)
    ap.add_argument("--commands", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--events", help="write availability/reorder events here (JSON Lines)")
    a = ap.parse_args()
    run(a.network, a.commands, a.out, events_path=a.events)


if __name__ == "__main__":
    main()

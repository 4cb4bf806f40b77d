#!/usr/bin/env python3
"""Seeded random generator of small OmniRoute networks and command streams aimed at edge cases.

The stream is generated in lockstep with the oracle so that commands can target the live state
(ship a real shipment, release a real hold, expire holds exactly at expires_ts, count stock at or
above what is reserved, repeat an order id with the same or other content).

Usage: gen.py --seed N --out DIR   (writes DIR/network/*.csv, DIR/commands.jsonl)
"""
import argparse
import json
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

SERVICES = oracle.SERVICES
ZONE_MILES = oracle.ZONE_UPPER


def dest_point(lat, lon, bearing_deg, dist_km):
    R = oracle.R_KM
    p1 = math.radians(lat)
    l1 = math.radians(lon)
    b = math.radians(bearing_deg)
    d = dist_km / R
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def rnd_loc_ids(rng, n):
    if n > 6:   # wide: ids whose string order differs from their numbers ("W10" < "W2"), mixed case
        return rng.sample(["W%d" % i for i in range(1, 13)] + ["w%d" % i for i in range(1, 5)] + ["DC-%d" % i for i in range(1, 5)], n)
    pools = [
        ["DC-1", "DC-2", "ST-1", "ST-2", "DR-1", "DC-10"],
        ["L1", "L2", "L10", "L9", "l1", "L-1"],
        ["A", "B", "C", "D", "E", "F"],
        ["N0", "N1", "N2", "N3", "N4", "N5"],
    ]
    pool = rng.choice(pools)
    return rng.sample(pool, n)


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def gen_network(rng, d):
    os.makedirs(d, exist_ok=True)
    nloc = rng.randint(9, 16) if PROFILE == "wide" else rng.randint(3, 4) if PROFILE == "route8" else rng.choice([3, 4, 4, 5, 6]) if PROFILE == "route" else rng.randint(3, 5) if PROFILE == "big" else rng.randint(2, 6)
    ids = rnd_loc_ids(rng, nloc)
    clat, clon = rng.uniform(30, 45), rng.uniform(-120, -75)
    locs = []
    for i, lid in enumerate(ids):
        if i > 0 and rng.random() < (0.8 if PROFILE == "ties" else 0.25):
            lat, lon = locs[rng.randrange(len(locs))][2:4]   # co-located: equal distance, ties
        else:
            lat, lon = dest_point(clat, clon, rng.uniform(0, 360), rng.choice([0, 30, 100, 400, 900, 1600, 2500]) * rng.random())
            lat, lon = round(lat, 5), round((lon + 180.0) % 360.0 - 180.0, 5)
        typ = rng.choice(["DC", "STORE", "DROPSHIP"])
        handling = 100 if PROFILE == "ties" else rng.choice([0, 100, 250, 400, 700] if PROFILE in ("route", "big", "route8") else [0, 50, 50, 100, 100, 300])
        cap = rng.choice([-1, -1, 3] if PROFILE in ("route", "big", "route8") else [-1, -1, 0, 1, 2, 3, 5])
        svcs = [s for s in SERVICES if rng.random() < 0.85 or PROFILE == "route8"] or ["STANDARD"]
        radius = rng.choice([0, 10, 50, 120, 500, 1500]) if "SAME_DAY" in svcs else 0
        locs.append([lid, typ, lat, lon, handling, cap, svcs, radius])
    # SKUs
    nsku = rng.randint(6, 8) if PROFILE in ("route", "route8") else rng.randint(10, 12) if PROFILE == "big" else rng.randint(2, 5)
    sku_pool = ["K%02d" % i for i in range(12)] if PROFILE == "big" else rng.choice([["SKU-1", "SKU-2", "SKU-3", "SKU-10", "SKU-20", "SKU-4", "SKU-5", "SKU-30"],
                           ["A", "B", "C", "a", "b", "c", "D", "d"],
                           ["TEE-M", "MUG", "CAP", "BAG", "PEN", "TEE-L", "HAT", "CUP"]])
    skus = rng.sample(sku_pool, nsku)
    weights = {s: rng.choice([100, 300, 700, 1500, 4000] if PROFILE in ("route", "big", "route8") else [100, 250, 500, 1000, 2000]) for s in skus}
    # ZIPs: near zone boundaries of some location, at a location, random
    zips = []
    zid = 10000 + rng.randrange(80000)
    nz = rng.randint(4, 9)
    for k in range(nz):
        base = rng.choice(locs)
        mode = rng.random()
        if mode < 0.35:
            miles = rng.choice(ZONE_MILES)
            km = miles * oracle.KM_PER_MILE + rng.choice([-0.01, 0.01, -0.5, 0.5])
            lat, lon = dest_point(base[2], base[3], rng.uniform(0, 360), km)
        elif mode < 0.5:
            lat, lon = base[2], base[3]
        else:
            lat, lon = dest_point(clat, clon, rng.uniform(0, 360), rng.uniform(0, 2500))
        lon = (lon + 180.0) % 360.0 - 180.0
        zips.append(["%05d" % (zid + k), repr(round(lat, 6)), repr(round(lon, 6))])
    # same-day radius exactly at a zip's distance (inclusive bound)
    for L in locs:
        if "SAME_DAY" in L[6] and rng.random() < 0.4:
            z = rng.choice(zips)
            dist = oracle.distance_km(L[2], L[3], float(z[1]), float(z[2]))
            L[7] = repr(dist) if EXACT_RADIUS else repr(dist * (1 + rng.choice([-1e-9, 1e-9])))
    # rates
    carriers = rng.sample(["UPS", "FEDEX", "ACME", "usps"], rng.randint(1, 3))
    tiers_all = sorted(set(weights.values()) | {500, 1000, 2000, 3000, 5000})
    rates = []
    for svc in SERVICES:
        for zone in range(1, 9):
            if rng.random() < 0.07 and PROFILE != "route8":
                continue
            for c in carriers:
                if rng.random() < 0.1 and PROFILE != "route8":
                    continue
                tiers = sorted(rng.sample(tiers_all, rng.randint(1, 3)) + ([20000] if PROFILE in ("route", "big", "route8") or rng.random() < 0.5 else []))
                base_price = 600 if PROFILE == "ties" else rng.choice([500, 600, 600, 700]) + 50 * zone
                for t in tiers:
                    price = base_price + (rng.randint(-3, 3) * 100 if PROFILE in ("route", "big", "route8") else rng.choice([0, 0, 100, 200]) * tiers.index(t))
                    transit = rng.randint(0 if svc == "SAME_DAY" else 1, 6)
                    rates.append([c, svc, zone, t, price, transit])
                    if rng.random() < 0.15:   # same carrier, same price: tie on transit/max weight
                        rates.append([c, svc, zone, t + rng.choice([250, 500]), price, rng.randint(1, 6)])
    seen = set()
    uniq = []
    for r in rates:   # (carrier, service, zone, max_weight_g) is a rate's identity (SPEC §1)
        if tuple(r[:4]) not in seen:
            seen.add(tuple(r[:4]))
            uniq.append(r)
    rates = uniq
    rng.shuffle(rates)
    # stock
    stock = []
    for s in skus:
        for L in locs:
            if PROFILE == "route8":
                stock.append([s, L[0], rng.choice([0, 10, 10, 20]), 0])
            elif PROFILE == "wide":   # most locations hold most SKUs: the router's zone lists are used
                if rng.random() < 0.9:
                    stock.append([s, L[0], rng.choice([0, 3, 10, 10, 20]), rng.choice([0, 0, 1])])
            elif rng.random() < 0.8:
                stock.append([s, L[0], rng.choice([0, 2, 5, 10, 10] if PROFILE in ("route", "big", "route8") else [0, 1, 2, 3, 5, 8]), rng.choice([0, 0, 0, 1, 2])])
    # channels
    channel_skus = []
    channel_locs = []
    ids_ = [L[0] for L in locs]
    for ch in ("mkt", "pos"):
        if rng.random() < 0.7 and PROFILE != "route8":
            for lid in rng.sample(ids_, rng.randint(1, len(ids_))):
                channel_locs.append([ch, lid])
    for s in skus:
        if rng.random() < 0.7:
            channel_skus.append(["mkt", "M-" + s, s])
    if len(skus) >= 2 and rng.random() < 0.4:
        a, b = rng.sample(skus, 2)    # channel SKU spelled like another master SKU
        channel_skus.append(["mkt", a, b])
    if rng.random() < 0.3:
        channel_skus.append(["web", "W-" + skus[0], skus[0]])

    write_csv(os.path.join(d, "locations.csv"),
              ["location_id", "type", "lat", "lon", "handling_cost_cents", "daily_capacity", "services",
               "same_day_radius_km"],
              [[L[0], L[1], L[2], L[3], L[4], L[5], "|".join(L[6]), L[7]] for L in locs])
    write_csv(os.path.join(d, "skus.csv"), ["sku", "weight_g", "lead_time_days"],
              [[s, weights[s], rng.randint(1, 7)] for s in skus])
    write_csv(os.path.join(d, "rates.csv"),
              ["carrier", "service", "zone", "max_weight_g", "price_cents", "transit_days"], rates)
    write_csv(os.path.join(d, "stock.csv"), ["sku", "location_id", "on_hand", "safety_stock"], stock)
    write_csv(os.path.join(d, "zips.csv"), ["zip", "lat", "lon"], zips)
    if channel_skus or rng.random() < 0.5:
        write_csv(os.path.join(d, "channel_skus.csv"), ["channel", "channel_sku", "sku"], channel_skus)
    if channel_locs or rng.random() < 0.5:
        write_csv(os.path.join(d, "channel_locations.csv"), ["channel", "location_id"], channel_locs)
    # demand smoothing (DECISIONS "Reorder") from a generator of its own, so the base draws stay those of older
    # versions; appended to policy.properties (created when absent) for half the seeds
    srng = random.Random(int(abs(clat) * 1e5) * 7919 + nloc)
    smoothing = srng.choice([0.1, 0.25, 0.5, 0.7, 1.0]) if srng.random() < 0.5 else None
    if rng.random() < 0.9:
        with open(os.path.join(d, "policy.properties"), "w") as f:
            f.write("split_penalty_cents=%d\n" % rng.choice([0, 0, 50, 150, 1000]))
            for s in SERVICES:
                if rng.random() < 0.7:
                    f.write("ship_price_%s_cents=%d\n" % (s, rng.choice([0, 499, 999])))
            if rng.random() < 0.7:
                f.write("free_shipping_threshold_cents=%d\n" % rng.choice([1000, 5000]))
    if smoothing is not None:
        with open(os.path.join(d, "policy.properties"), "a") as f:
            f.write("demand_smoothing=%s\n" % smoothing)
    return dict(skus=skus, zips=[z[0] for z in zips], locs=ids_, channel_skus=channel_skus)


def lifecycle_cmd(lrng, o, net_info):
    """One lifecycle command aimed at the live state (pick_short, return, stock below reserved, receive into a
    backorder, a ship, a cancel of a backordered order), with some bad ones. Drawn from its own generator so
    the base stream's draws stay those of older versions."""
    locs, skus = net_info["locs"], net_info["skus"]
    r = lrng.random()
    open_sh = [(oid, sh) for oid, od in o.orders.items() for sh in od["shipments"] if sh["state"] == "OPEN"]
    if r < 0.30:
        c = dict(type="pick_short")
        if open_sh and lrng.random() < 0.85:
            oid, sh = lrng.choice(open_sh)
            held = [x for x in sh["lines"] if x[1] > 0]
            sku, q = lrng.choice(held)
            qty = lrng.randint(1, q) if lrng.random() < 0.9 else q + 1
            c.update(order_id=oid, location_id=sh["loc"], sku=sku, qty=qty)
        else:
            oid = lrng.choice(list(o.orders)) if o.orders and lrng.random() < 0.75 else "nope"
            bad = lrng.random()
            c.update(order_id=oid, location_id=lrng.choice(locs), sku=lrng.choice(skus), qty=1)
            if bad < 0.15:
                c["qty"] = 0
            elif bad < 0.25:
                c["sku"] = lrng.choice(["NOPE"] + [cs for ch, cs, m in net_info["channel_skus"]])
            elif bad < 0.3:
                c["location_id"] = "NOWHERE"
        return c
    if r < 0.55:
        c = dict(type="return")
        shipped = [(oid, sh) for oid, od in o.orders.items() for sh in od["shipments"] if sh["state"] == "SHIPPED"]
        if shipped and lrng.random() < 0.8:
            oid, sh = lrng.choice(shipped)
            sku = lrng.choice(sh["lines"])[0]
            od = o.orders[oid]
            tot = sum(x[1] for s2 in od["shipments"] if s2["state"] == "SHIPPED" for x in s2["lines"] if x[0] == sku)
            left = tot - od["returned"].get(sku, 0)
            qty = lrng.randint(1, left) if left > 0 and lrng.random() < 0.85 else max(left, 0) + 1
            c.update(order_id=oid, location_id=lrng.choice(locs), sku=sku, qty=qty)
        else:
            oid = lrng.choice(list(o.orders)) if o.orders and lrng.random() < 0.85 else "nope"
            c.update(order_id=oid, location_id=lrng.choice(locs), sku=lrng.choice(skus), qty=lrng.randint(1, 2))
        c["resellable"] = lrng.random() < 0.7
        if lrng.random() < 0.7:
            c["reason"] = lrng.choice(["damaged", "wrong_size", "changed_mind"])
        x = lrng.random()
        if x < 0.03:
            del c["resellable"]
        elif x < 0.05:
            c["qty"] = 0
        elif x < 0.06:
            c["location_id"] = "NOWHERE"
        elif x < 0.07:
            c["sku"] = "NOPE"
        return c
    if r < 0.75:
        held = [k for k, v in o.reserved.items() if v > 0]
        if held and lrng.random() < 0.9:
            sku, loc = lrng.choice(held)
            c = dict(type="stock", sku=sku, location_id=loc, on_hand=lrng.randint(0, o.reserved[(sku, loc)] - 1))
        else:
            c = dict(type="stock", sku=lrng.choice(skus), location_id=lrng.choice(locs), on_hand=lrng.randint(0, 6))
        if lrng.random() < 0.25:
            c["safety_stock"] = lrng.choice([0, 1])
        if lrng.random() < 0.02:
            c[lrng.choice(["on_hand", "safety_stock"])] = -1
        return c
    if r < 0.87:
        if o.backorders and lrng.random() < 0.85:
            b = lrng.choice(o.backorders)
            return dict(type="receive", sku=b["sku"], location_id=lrng.choice(locs),
                        qty=b["qty"] + lrng.choice([-1, 0, 0, 2, 5]) if b["qty"] > 1 else lrng.randint(1, 5))
        return dict(type="receive", sku=lrng.choice(skus), location_id=lrng.choice(locs), qty=lrng.randint(1, 5))
    if r < 0.97 or not o.backorders:
        if open_sh:
            oid, sh = lrng.choice(open_sh)
            return dict(type="ship", order_id=oid, location_id=sh["loc"])
        return dict(type="new_day")
    return dict(type="cancel", order_id=lrng.choice(o.backorders)["order"])


def gen_commands(rng, net_info, net_dir, n, lrng=None):
    net = oracle.Network(net_dir)
    o = oracle.Oracle(net)
    cmds = []
    clock = [None]
    order_cmds = {}
    hold_cmds = {}
    counter = [0]

    def sku_spelling(channel):
        s = rng.choice(net_info["skus"])
        r = rng.random()
        if r < (0.003 if PROFILE in ("route", "big", "route8") else 0.015):
            return "NOPE"
        spellings = [cs for ch, cs, m in net_info["channel_skus"] if ch == channel and m == s]
        if spellings and r < 0.5:
            return rng.choice(spellings)
        if channel == "mkt" and r < 0.55:
            alias = [cs for ch, cs, m in net_info["channel_skus"] if ch == channel]
            if alias:
                return rng.choice(alias)
        return s

    def lines(channel, priced=False, big=False):
        if PROFILE == "route8":
            out = [dict(sku=s, qty=rng.choice([1, 1, 2])) for s in rng.sample(net_info["skus"], min(len(net_info["skus"]), rng.randint(6, 8)))]
            if priced:
                for ln in out:
                    ln["unit_price_cents"] = 999
            return out
        if PROFILE == "big" and big and rng.random() < 0.9:
            out = []
            for s in rng.sample(net_info["skus"], rng.randint(9, len(net_info["skus"]))):
                sp = [cs for ch, cs, m in net_info["channel_skus"] if ch == channel and m == s]
                out.append(dict(sku=rng.choice(sp) if sp and rng.random() < 0.5 else s, qty=rng.choice([1, 1, 2])))
            return out
        k = rng.randint(4, 8 if len(net.locs) <= 4 else 6) if PROFILE in ("route", "big", "route8") else rng.choice([1, 1, 2, 2, 3, 4, 5])
        out = []
        for _ in range(k):
            ln = dict(sku=sku_spelling(channel), qty=rng.choice([1, 1, 2] if PROFILE in ("route", "big", "route8") else [1, 1, 1, 2, 3, 5]))
            if priced and rng.random() < 0.8:
                ln["unit_price_cents"] = rng.choice([100, 999, 2500])
            out.append(ln)
        return out

    def zip_():
        return "99999" if rng.random() < 0.02 else rng.choice(net_info["zips"])

    def with_ts(c):
        r = rng.random()
        if r < 0.5:
            return c
        cur = clock[0] if clock[0] is not None else 1_000_000
        active = [h for h in o.holds.values() if h["state"] == "HELD"]
        if active and r < 0.75:
            e = rng.choice(active)["expires"]
            ts = e + rng.choice([0, 0, 1])   # exactly at expiry (still valid) or just past
            if ts < cur:
                ts = cur + rng.choice([0, 1000])
        elif r < 0.85:
            ts = cur - rng.choice([0, 1, 5000])  # does not move the clock
        else:
            ts = cur + rng.choice([1, 500, 1000, 30000])
        c["ts"] = ts
        if clock[0] is None or ts > clock[0]:
            clock[0] = ts
        return c

    def new_order():
        counter[0] += 1
        ch = rng.choice(["web", "web", "mkt", "pos"])
        c = dict(type="order", order_id="o-%d" % counter[0], channel=ch, zip=zip_(),
                 service=rng.choice(["STANDARD", "STANDARD", "STANDARD", "EXPEDITED", "SAME_DAY"]),
                 ship_complete=rng.random() < 0.25, lines=lines(ch, big=True))
        if PROFILE in ("route", "big", "route8"):
            c["service"] = rng.choice(["STANDARD", "STANDARD", "STANDARD", "EXPEDITED"])
            c["ship_complete"] = rng.random() < 0.1
        if rng.random() < 0.25:
            c["max_transit_days"] = rng.randint(0, 5)
        if rng.random() < 0.08:   # destination by coordinates instead of ZIP
            z = rng.choice(list(net.zips.values()))
            del c["zip"]
            c["lat"], c["lon"] = z
        if rng.random() < 0.03:
            c["lines"][0]["qty"] = rng.choice([0, -1])
        return c

    for _ in range(n):
        r = rng.random()
        if r < 0.30:
            c = new_order()
        elif r < 0.38 and order_cmds:
            oid = rng.choice(list(order_cmds))
            c = json.loads(json.dumps(order_cmds[oid]))
            c.pop("ts", None)
            if rng.random() < 0.5:
                rng.shuffle(c["lines"])   # same content, other line order
            else:
                c["lines"][0]["qty"] += 1  # other content
        elif r < 0.43:
            oid = rng.choice(list(order_cmds)) if order_cmds and rng.random() < 0.9 else "nope"
            c = dict(type="cancel", order_id=oid)
        elif r < 0.50:
            if o.orders and rng.random() < 0.9:
                oid = rng.choice(list(o.orders))
                shs = o.orders[oid]["shipments"]
                loc = rng.choice(shs)["loc"] if shs and rng.random() < 0.9 else rng.choice(net_info["locs"])
            else:
                oid, loc = "nope", rng.choice(net_info["locs"])
            c = dict(type="ship", order_id=oid, location_id=loc)
        elif r < 0.56:
            c = dict(type="receive", sku=rng.choice(net_info["skus"]), location_id=rng.choice(net_info["locs"]),
                     qty=rng.randint(1, 5))
        elif r < 0.61:
            s, l = rng.choice(net_info["skus"]), rng.choice(net_info["locs"])
            rs = o.reserved.get((s, l), 0)
            c = dict(type="stock", sku=s, location_id=l,
                     on_hand=50 if PROFILE == "big" else rs + rng.choice([0, 0, 1, 3]))
            if rng.random() < 0.4:
                c["safety_stock"] = rng.choice([0, 1, 2])
        elif r < 0.68:
            c = dict(type="new_day")
        elif r < 0.76:
            ch = rng.choice(["web", "mkt", "pos"])
            c = dict(type="quote", channel=ch, zip=zip_(), lines=lines(ch, priced=True))
            if rng.random() < 0.3:
                c["services"] = rng.sample(list(SERVICES), rng.randint(1, 3))
            if rng.random() < 0.15:
                c["max_transit_days"] = rng.randint(1, 5)
        elif r < 0.86:
            if hold_cmds and rng.random() < 0.2:
                hid = rng.choice(list(hold_cmds))
                c = json.loads(json.dumps(hold_cmds[hid]))
                c.pop("ts", None)
                r2 = rng.random()
                if r2 < 0.3:
                    c["lines"][0]["qty"] += 1
                elif r2 < 0.5:
                    c["hold_seconds"] += 1
            else:
                counter[0] += 1
                ch = rng.choice(["web", "mkt", "pos"])
                c = dict(type="hold", hold_id="h-%d" % counter[0], channel=ch, zip=zip_(),
                         service=rng.choice(["STANDARD", "STANDARD", "EXPEDITED", "SAME_DAY"]),
                         lines=lines(ch), hold_seconds=rng.choice([1, 5, 30, 60]))
                if rng.random() < 0.15:
                    c["ship_complete"] = True
                if rng.random() < 0.15:
                    c["max_transit_days"] = rng.randint(0, 5)
        elif r < 0.92 and hold_cmds:
            held = [k for k, h in o.holds.items() if h["state"] == "HELD"]
            pool = held if held and rng.random() < 0.6 else list(hold_cmds)
            hid = rng.choice(pool) if rng.random() < 0.95 else "h-none"
            c = dict(type="release", hold_id=hid)
        elif hold_cmds:
            held = [k for k, h in o.holds.items() if h["state"] == "HELD"]
            hid = rng.choice(held if held and rng.random() < 0.8 else list(hold_cmds))
            h = hold_cmds[hid]
            counter[0] += 1
            c = dict(type="order", order_id="o-%d" % counter[0], hold_id=hid, channel=h["channel"], zip=h["zip"],
                     service=h["service"], ship_complete=False, lines=json.loads(json.dumps(h["lines"])))
            if rng.random() < 0.2:
                c["lines"][0]["qty"] += 1
        else:
            c = new_order()
        c = with_ts(c)
        o.process(c)
        if c["type"] == "order" and c["order_id"] not in order_cmds:
            order_cmds[c["order_id"]] = c
        if c["type"] == "hold" and c["hold_id"] not in hold_cmds:
            hold_cmds[c["hold_id"]] = c
        cmds.append(c)
        while lrng is not None and lrng.random() < LIFECYCLE_RATE.get(PROFILE, 0):
            c = lifecycle_cmd(lrng, o, net_info)
            o.process(c)
            cmds.append(c)
    return cmds


# lifecycle commands inserted after each base command with this probability (repeated: a run of them)
LIFECYCLE_RATE = {"mixed": 0.06, "ties": 0.06, "lifecycle": 0.45}


PROFILE = "mixed"
EXACT_RADIUS = True


def generate(seed, out, profile=None):
    global PROFILE
    rng = random.Random(seed)
    PROFILE = "big" if seed % 6 == 5 else "route" if seed % 3 == 2 else "ties" if seed % 6 == 1 \
        else "lifecycle" if seed % 12 == 4 else "mixed"
    if profile:
        PROFILE = profile
    global EXACT_RADIUS
    EXACT_RADIUS = seed % 2 == 0
    net_dir = os.path.join(out, "network")
    info = gen_network(rng, net_dir)
    cmds = gen_commands(rng, info, net_dir, rng.randint(30, 120), random.Random(seed * 1000003 + 77))
    with open(os.path.join(out, "commands.jsonl"), "w") as f:
        for c in cmds:
            f.write(json.dumps(c, separators=(",", ":")) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    generate(a.seed, a.out)


if __name__ == "__main__":
    main()

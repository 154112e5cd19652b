#!/usr/bin/env python3
"""Writes N synthetic tickets as JSON Lines for `kefu import tickets FILE`.

Each line is a POST /api/v1/tickets body (subject, body, customer, channel,
priority, category, tags) plus "created_at", spread over the year before
--end in increasing order. By default 80% of the tickets have 1 to 3 tags
(--tag-rate). Customers are C-000001..C-(--customers), which
`kefu demo-data` creates (12 of them). The output is the same for the same
--seed. Standard library only.

  bench/gen_tickets.py 1000000 /tmp/tickets.jsonl
"""
import argparse
import datetime
import json
import random
import sys

PRODUCTS = ["羽绒服", "保温杯", "蓝牙耳机", "扫地机器人", "电饭煲", "运动鞋", "面霜", "婴儿推车",
            "机械键盘", "空气炸锅", "行李箱", "茶叶礼盒", "手机壳", "电动牙刷", "台灯", "四件套"]
CARRIERS = ["顺丰", "中通", "圆通", "韵达", "京东物流", "邮政EMS"]

# Category code (src/core/enums.cc) -> subject templates; {p} product, {c} carrier, {d} days.
SUBJECTS = {
    "shipping_not_sent": ["{p}下单{d}天了还没发货", "付款后一直显示待发货，{p}什么时候能发？"],
    "logistics_delay": ["{c}物流{d}天没有更新了", "{p}卡在中转站不动，请帮忙催一下"],
    "logistics_lost": ["{c}显示已签收但我没收到{p}", "快递疑似丢件，{p}找不到了"],
    "damaged_in_transit": ["收到的{p}外包装破损", "{p}运输途中摔坏了，申请补发"],
    "quality_issue": ["{p}用了{d}天就坏了", "{p}有质量问题，异味很重"],
    "not_as_described": ["{p}颜色和详情页图片不一样", "收到的{p}尺寸与描述不符"],
    "wrong_or_missing_item": ["发错货了，我买的是{p}", "少发了一件{p}，只收到一个"],
    "return_refund_request": ["申请退货退款：{p}不想要了", "{p}七天无理由退货怎么操作"],
    "exchange_request": ["{p}尺码不合适，想换大一号", "申请换货：{p}换个颜色"],
    "refund_progress": ["退款{d}天了还没到账", "{p}已退回，退款进度查询"],
    "payment_issue": ["付款时重复扣款了", "优惠券用不了，付款失败"],
    "invoice": ["{p}的发票怎么开？", "需要增值税专用发票，抬头要改"],
    "account_login": ["收不到登录验证码", "账号被锁定了，无法登录"],
    "price_promotion": ["{p}刚买就降价了，能保价吗", "满减活动没有生效"],
    "presale_question": ["{p}支持全国联保吗？", "请问{p}有现货吗，几天能到"],
    "service_complaint": ["客服一直不回复，投诉", "对上次处理{p}问题的客服不满意"],
    "address_or_order_change": ["下错地址了，{p}还没发货请帮我改", "想取消{p}订单重新下单"],
    "other": ["咨询一下会员积分规则", "{p}的使用说明书丢了"],
}
BODIES = [
    "您好，订单里的{p}出了点问题，麻烦尽快帮我处理一下，谢谢。",
    "我{d}天前在你们店买了{p}，{c}的单号一直查不到进度，请帮忙跟进。",
    "这已经是我第二次联系客服了，希望今天能给个明确答复。",
    "{p}是买给家人的礼物，比较着急，辛苦了！",
    "",
]
TAGS = ["双十一", "618", "vip", "催单", "加急", "物流", "售后", "投诉风险", "首单", "复购",
        "大促", "电话回访"]
CHANNELS = [("web", 30), ("email", 10), ("phone", 15), ("chat", 30), ("marketplace", 12), ("api", 3)]
PRIORITIES = [("P1", 3), ("P2", 15), ("P3", 60), ("P4", 22)]


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int, help="number of tickets")
    ap.add_argument("out", help="output file ('-' for stdout)")
    ap.add_argument("--customers", type=int, default=12, help="customers C-000001..C-N exist")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--end", default="2026-11-11T00:00:00Z", help="created_at of the last ticket")
    ap.add_argument("--tag-rate", type=float, default=0.8,
                    help="share of tickets with 1 to 3 tags (0 for none)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    end = datetime.datetime.fromisoformat(args.end.replace("Z", "+00:00"))
    span_ms = 365 * 24 * 3600 * 1000
    start_ms = int(end.timestamp() * 1000) - span_ms
    categories = list(SUBJECTS)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines = []
    for i in range(args.count):
        fill = {"p": rng.choice(PRODUCTS), "c": rng.choice(CARRIERS), "d": rng.randint(2, 15)}
        cat = rng.choice(categories)
        # Drawn for every ticket, so that --tag-rate changes only the tags.
        tags = rng.sample(TAGS, rng.choice((1, 1, 2, 3)))
        tagged = rng.random() < args.tag_rate
        at_ms = start_ms + span_ms * i // max(1, args.count)
        t = {
            "subject": rng.choice(SUBJECTS[cat]).format(**fill),
            "body": rng.choice(BODIES).format(**fill),
            "customer": "C-%06d" % rng.randint(1, args.customers),
            "channel": weighted(rng, CHANNELS),
            "priority": weighted(rng, PRIORITIES),
            # One ticket in ten is not triaged yet.
            "category": "" if rng.random() < 0.1 else cat,
            "tags": tags if tagged else [],
            "created_at": datetime.datetime.fromtimestamp(at_ms / 1000, datetime.timezone.utc)
                          .strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (at_ms % 1000),
        }
        lines.append(dumps(t))
        if len(lines) == 10000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

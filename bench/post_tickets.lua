-- wrk script: POST /api/v1/tickets with varied bodies over keep-alive.
--
--   KEFU_TOKEN=$(kefu token create --db DB --login wang.min) \
--     wrk -t2 -c8 -d10s --latency -s bench/post_tickets.lua http://127.0.0.1:PORT
--
-- The bearer token comes from the environment (wrk cannot log in by itself).
-- Customers are the demo ones, C-000001..C-000012 (KEFU_CUSTOMERS to change);
-- each ticket has 0 to KEFU_TAGS (default 2) tags.
-- At the end it prints one line "wrk-json {...}" with the figures and the
-- count of responses by status, for bench/run_all.sh.

local token = os.getenv("KEFU_TOKEN") or error("set KEFU_TOKEN to a bearer token")
local customers = tonumber(os.getenv("KEFU_CUSTOMERS") or "12")
local max_tags = tonumber(os.getenv("KEFU_TAGS") or "2")  -- 0 to 2 tags per ticket; 0: none

local products = { "羽绒服", "保温杯", "蓝牙耳机", "扫地机器人", "电饭煲", "运动鞋", "面霜", "空气炸锅" }
local problems = {
  { "logistics_delay", "物流好几天没有更新了" },
  { "damaged_in_transit", "收到时外包装破损" },
  { "quality_issue", "用了几天就坏了" },
  { "return_refund_request", "不想要了，申请退货退款" },
  { "wrong_or_missing_item", "发错颜色了" },
  { "refund_progress", "退款一直没到账" },
  { "presale_question", "请问支持全国联保吗" },
  { "", "想咨询一下" },
}
local channels = { "web", "chat", "email", "phone", "marketplace" }
local priorities = { "P2", "P3", "P3", "P3", "P4" }
local tags = { "双十一", "vip", "催单", "加急", "物流", "售后" }

local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}

local thread_counter = 0
local threads = {}

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("seed", thread_counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed * 7919)
  statuses = {}
  n = 0
end

local function pick(t) return t[math.random(#t)] end

function request()
  n = n + 1
  local p = pick(problems)
  local product = pick(products)
  local tag_list = {}
  for i = 1, math.random(0, max_tags) do tag_list[i] = '"' .. pick(tags) .. '"' end
  local body = string.format(
    '{"subject":"%s%s（压测 %d-%d）","body":"您好，我买的%s%s，麻烦尽快处理，谢谢。",' ..
    '"customer":"C-%06d","channel":"%s","priority":"%s","category":"%s","tags":[%s]}',
    product, p[2], seed, n, product, p[2], math.random(customers), pick(channels),
    pick(priorities), p[1], table.concat(tag_list, ","))
  return wrk.format("POST", "/api/v1/tickets", headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- The shared done(): bench/wrk_report.lua, found beside this script.
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")(threads)

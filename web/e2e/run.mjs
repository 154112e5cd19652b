// End-to-end tests of the web console and help centre, run by `make test`:
//   node web/e2e/run.mjs --kefu build/kefu --web-root web/dist --screenshots DIR
// A fresh server with the demo data; Debian's Chromium, headless. Every page
// fails its test on a script error, a Content-Security-Policy violation or
// an alert box.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import {
  apiAs, check, launchBrowser, login, newPage, runTests, screenshotsDir, startServer,
} from './harness.mjs';

const { values: opts } = parseArgs({
  options: {
    kefu: { type: 'string', default: 'build/kefu' },
    'web-root': { type: 'string', default: 'web/dist' },
    screenshots: { type: 'string', default: 'build/screenshots' },
  },
});

const server = await startServer({ kefu: opts.kefu, webRoot: opts['web-root'] });
const browser = await launchBrowser();
const shots = screenshotsDir(opts.screenshots);
const shot = (page, name, fullPage = false) => page.screenshot({ path: join(shots, `${name}.png`), fullPage });
const pages = [];
async function open(options) {
  const p = await newPage(browser, server.base, options);
  pages.push(p);
  return p;
}
function noProblems(page) {
  check(page.problems.length === 0, page.problems.join('\n'));
}

const customer = await apiAs(server.base, 'wangfang');
const lead = await apiAs(server.base, 'chen.jie');

// A ticket of wangfang's, assigned to li.na by the lead.
async function ticketForLiNa(subject, body) {
  const t = await customer.post('/tickets', { subject, body });
  await lead.post(`/tickets/${t.id}/assign`, { agent: 'li.na' });
  return t.id;
}

const failed = await runTests([
  ['an agent finds a ticket in traditional characters, answers with a macro and waits on the customer', async () => {
    const id = await ticketForLiNa('保温杯盖子漏水想换一个', '刚收到的保温杯，盖子拧紧了还是漏水');
    const page = await open();
    await login(page, 'li.na');
    await page.waitForSelector('[data-testid=inbox-row]');
    await shot(page, 'agent-inbox');
    await page.fill('[data-testid=global-search]', '保溫杯蓋子漏水');
    await page.press('[data-testid=global-search]', 'Enter');
    const hit = page.locator('[data-testid=search-hit]', { hasText: id }).first();
    await hit.waitFor();
    check((await page.locator('[data-testid=search-hit] mark').count()) > 0, 'no highlighted match');
    await shot(page, 'agent-search');
    await hit.locator('a').first().click();
    await page.waitForURL(`**/console/tickets/${id}`);
    check((await page.textContent('[data-testid=ticket-subject]')).includes('保温杯盖子漏水想换一个'), 'wrong ticket');

    const picker = page.locator('[data-testid=macro-picker]');
    const value = await picker.locator('option', { hasText: '请补充照片' }).getAttribute('value');
    await picker.selectOption(value);
    // The rendered preview fills in the ticket's variables (after a moment of 加载中…).
    await page.locator('[data-testid=macro-preview]', { hasText: `工单${id}` }).waitFor();
    await page.click('[data-testid=send-macro]');
    await page.locator('[data-testid=timeline]', { hasText: '麻烦提供商品及外包装的照片' }).waitFor();
    await page.locator('[data-testid=ticket-status]', { hasText: '待客户回复' }).waitFor();

    // The status control: back to open and to pending_customer again.
    await page.selectOption('[data-testid=status-select]', 'open');
    await page.click('[data-testid=status-apply]');
    await page.locator('[data-testid=ticket-status]', { hasText: '处理中' }).waitFor();
    await page.selectOption('[data-testid=status-select]', 'pending_customer');
    await page.click('[data-testid=status-apply]');
    await page.locator('[data-testid=ticket-status]', { hasText: '待客户回复' }).waitFor();
    const t = await lead.get(`/tickets/${id}`);
    check(t.status === 'pending_customer', `status is ${t.status}`);
    check(t.owner === 'li.na', `owner is ${t.owner}`);
    const events = await lead.get(`/tickets/${id}/events?limit=200`);
    check(events.items.some((e) => e.type === 'reply' && e.actor === 'li.na' && (e.data?.body ?? '').includes(id)),
      'the macro reply is not on the timeline');
    await shot(page, 'agent-ticket');
    noProblems(page);
  }],

  ['a customer opens a ticket about an order and sees the reply arrive', async () => {
    const page = await open({ viewport: { width: 1024, height: 900 } });
    await login(page, 'wangfang');
    await shot(page, 'customer-help');
    await page.goto('/help/new');
    const form = page.locator('[data-testid=new-ticket-form]');
    await form.locator('input[name=subject]').fill('收到的茶叶罐子压扁了');
    await form.locator('textarea[name=body]').fill('外包装破了，罐子也变形了，茶叶还能喝吗');
    const orders = await form.locator('select[name=order] option').evaluateAll((os) => os.map((o) => o.value));
    const order = orders.find((v) => v.startsWith('O-'));
    check(order, 'the customer has no order to choose');
    await form.locator('select[name=order]').selectOption(order);
    await form.locator('button[type=submit]').click();
    await page.waitForURL(/\/help\/tickets\/T-\d+/);
    const id = new URL(page.url()).pathname.split('/').pop();
    const t = await lead.get(`/tickets/${id}`);
    check(t.order === order, `the ticket's order is ${t.order}, not ${order}`);
    await page.locator('[data-testid=message]').first().waitFor();
    await lead.post(`/tickets/${id}/messages`, { body: '非常抱歉，我们马上为您补发一罐新的' });
    await page.locator('[data-testid=message]', { hasText: '马上为您补发' }).waitFor({ timeout: 15_000 });
    await shot(page, 'customer-ticket');
    await page.goto('/help/tickets');
    await page.locator('[data-testid=my-ticket]', { hasText: '收到的茶叶罐子压扁了' }).waitFor();
    noProblems(page);
  }],

  ['a subject written as HTML shows as text, never runs', async () => {
    const subject = '<img src=x onerror=alert(1)>';
    const { id } = await customer.post('/tickets', { subject, body: '<script>alert(2)</script>' });
    const agent = await open();
    await login(agent, 'chen.jie');
    await agent.goto(`/console/tickets/${id}`);
    await agent.locator('[data-testid=ticket-subject]', { hasText: subject }).waitFor();
    await agent.locator('[data-testid=timeline]', { hasText: '<script>alert(2)</script>' }).waitFor();
    check((await agent.locator('img[src=x]').count()) === 0, 'an <img> element was created');
    await agent.fill('[data-testid=global-search]', 'onerror');
    await agent.press('[data-testid=global-search]', 'Enter');
    await agent.locator('[data-testid=search-hit]', { hasText: id }).waitFor();
    check((await agent.locator('img[src=x]').count()) === 0, 'an <img> element was created by search');
    noProblems(agent);

    const cust = await open();
    await login(cust, 'wangfang');
    await cust.goto('/help/tickets');
    await cust.locator('[data-testid=my-ticket]', { hasText: subject }).waitFor();
    await cust.goto(`/help/tickets/${id}`);
    await cust.locator('[data-testid=ticket-subject]', { hasText: subject }).waitFor();
    check((await cust.locator('img[src=x]').count()) === 0, 'an <img> element was created');
    noProblems(cust);
  }],

  ['an agent is warned when another is replying to the same ticket', async () => {
    const id = await ticketForLiNa('耳机充电仓充不进电', '充了一晚上还是没电');
    const li = await open();
    const chen = await open();
    await login(li, 'li.na');
    await login(chen, 'chen.jie');
    await li.goto(`/console/tickets/${id}`);
    await chen.goto(`/console/tickets/${id}`);
    await chen.fill('[data-testid=reply-box]', '您好，麻烦您换一根数据线试试');
    await li.locator('[data-testid=collision-warning]', { hasText: '陈杰' }).waitFor({ timeout: 15_000 });
    await shot(li, 'agent-collision');
    noProblems(li);
    noProblems(chen);
  }],

  ['a customer rates a resolved ticket once', async () => {
    const id = await ticketForLiNa('发票抬头写错了', '抬头应该是公司全称');
    await lead.post(`/tickets/${id}/messages`, { body: '已为您重新开具发票' });
    await lead.post(`/tickets/${id}/transitions`, { to: 'resolved' });
    const page = await open({ viewport: { width: 390, height: 844 } });
    await login(page, 'wangfang');
    await page.goto(`/help/tickets/${id}`);
    await page.click('[data-testid=rating] button[data-score="5"]');
    await page.fill('[data-testid=rating] textarea[name=comment]', '很快就处理好了');
    await page.click('[data-testid=rating] button[type=submit]');
    await page.locator('[data-testid=rating]', { hasText: '很快就处理好了' }).waitFor();
    const { rating } = await lead.get(`/tickets/${id}/rating`);
    check(rating && rating.score === 5, `rating is ${JSON.stringify(rating)}`);
    await shot(page, 'customer-rating-phone');
    noProblems(page);
  }],

  ['the FAQ bot answers in the chat and hands off to a person', async () => {
    const page = await open({ viewport: { width: 1024, height: 800 } });
    await login(page, 'wangfang');
    await page.goto('/help/chat');
    await page.fill('[data-testid=chat-input]', '我的快递到哪了');
    await page.press('[data-testid=chat-input]', 'Enter');
    await page.locator('[data-testid=chat-log]', { hasText: '顺丰' }).waitFor();
    await page.fill('[data-testid=chat-input]', '转人工');
    await page.press('[data-testid=chat-input]', 'Enter');
    await page.locator('[data-testid=chat-handoff]').waitFor();
    await shot(page, 'customer-chat');
    // The ticket keeps the conversation: the customer reads the bot's answer there later.
    await page.locator('[data-testid=chat-handoff] a').click();
    await page.waitForURL(/\/help\/tickets\/T-\d+/);
    await page.locator('[data-testid=message]', { hasText: '顺丰' }).waitFor();
    await page.locator('[data-testid=message]', { hasText: '正在为您转接人工客服' }).waitFor();
    noProblems(page);
  }],

  ['leads see the board, the approvals and the dashboard', async () => {
    const page = await open();
    await login(page, 'wang.min');
    await page.goto('/console/board');
    await page.locator('[data-testid=board-team]').first().waitFor();
    await shot(page, 'lead-board');
    await page.goto('/console/approvals');
    await page.locator('[data-testid=approval]').first().waitFor();
    await shot(page, 'lead-approvals');
    await page.goto('/console/dashboard');
    await page.locator('[data-testid=kpi]').first().waitFor();
    check((await page.locator('canvas').count()) >= 3, 'the dashboard has no charts');
    await page.waitForTimeout(800); // the charts' entry animation
    await shot(page, 'lead-dashboard', true);
    // English on request.
    await page.click('text=English');
    await page.locator('nav', { hasText: 'Dashboard' }).waitFor();
    noProblems(page);
  }],

  ['the session lives in an HttpOnly cookie and signing out ends it', async () => {
    const page = await open();
    await login(page, 'li.na');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
    check(!stored.includes('kefu_'), `the token is readable by scripts: ${stored}`);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'kefu_session');
    check(session && session.httpOnly && session.sameSite === 'Strict', `cookie: ${JSON.stringify(session)}`);
    await page.click('text=退出');
    await page.waitForSelector('input[name=login]');
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    check(me === 401, `after sign-out /auth/me answers ${me}`);
    await shot(page, 'login');
    noProblems(page);
  }],
]);

await browser.close();
await server.stop();
process.exit(failed ? 1 : 0);

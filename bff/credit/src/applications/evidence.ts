import { existsSync } from 'node:fs';
import type { CreditApplication, WorkflowStep } from '@zhanye/contracts';
import { AppError } from '@zhanye/kit';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/**
 * The evidence chain (履职记录) of one application for an inspector: every step, who (name, posts,
 * org), when, from which address, the comment, and the SHA-256 of the data they acted on, as a
 * PDF or a spreadsheet. Chinese needs a CJK font: Debian's `fonts-noto-cjk` (ZY_CJK_FONT overrides).
 */
const FONT = process.env.ZY_CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_NAME = process.env.ZY_CJK_FONT_NAME ?? 'NotoSansCJKsc-Regular';

const STATE: Record<string, string> = {
  '': '—',
  draft: '草稿',
  admission_pending: '待人工准入',
  investigating: '调查中',
  assistant_confirming: '待协查确认',
  reviewing: '审查中',
  branch_approving: '支行审批中',
  hq_approving: '总行审批中',
  supplement_approving: '补录审批中',
  approved: '已批准',
  rejected: '已拒绝',
  withdrawn: '已撤回',
};
const COMMAND: Record<string, string> = {
  create: '新建申请',
  createSupplement: '授信补录',
  file: '提交并备案',
  refer: '提交，转人工准入',
  decline: '提交，自动拒绝',
  autoApprove: '线上自动审批',
  submitSupplement: '提交补录审批',
  admit: '人工准入通过',
  refuseAdmission: '人工准入拒绝',
  submitInvestigation: '提交调查报告',
  confirmInvestigation: '协查确认',
  returnToLead: '退回主调查人',
  complete: '包办办结',
  pass: '审查通过',
  approve: '审批通过',
  forward: '超权限上报',
  return: '退回补充',
  reject: '拒绝',
  withdraw: '撤回',
};
const POST: Record<string, string> = {
  account_manager: '客户经理',
  investigator: '调查岗',
  reviewer: '审查岗',
  approver: '审批岗',
  branch_head: '支行行长',
  hq_manager: '总行管理岗',
};
const words = (m: Record<string, string>, k: string) => m[k] ?? k;
const posts = (s: WorkflowStep) => s.actorPosts.map((p) => words(POST, p)).join('、') || '—';
const at = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function title(app: CreditApplication) {
  return `授信申请 ${app.number ?? ''} ${app.customerName} ${app.productName} ¥${app.amount}`.trim();
}

export async function evidencePdf(app: CreditApplication, steps: WorkflowStep[]): Promise<Buffer> {
  if (!existsSync(FONT)) {
    throw new AppError('UNAVAILABLE', 'the CJK font for PDFs is not installed (fonts-noto-cjk)');
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `履职记录 ${app.number ?? app.id}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', FONT, FONT_NAME);
  doc.font('cjk').fontSize(16).text('履职记录（尽职免责）', { align: 'center' });
  doc.moveDown(0.5).fontSize(10).text(title(app));
  doc.text(`经办机构：${app.orgName}　客户经理：${app.ownerName}　当前状态：${words(STATE, app.status)}`);
  doc.text(`导出时间：${at(new Date().toISOString())}`);
  doc.moveDown();
  for (const [i, s] of steps.entries()) {
    doc
      .fontSize(11)
      .text(`${i + 1}. ${words(COMMAND, s.command)}（${words(STATE, s.from)} → ${words(STATE, s.to)}）`);
    doc.fontSize(9).fillColor('#333');
    doc.text(`经办人：${s.actorName}（${posts(s)}，${s.actorOrgName}）　时间：${at(s.at)}`);
    doc.text(`来源地址：${s.clientIp ?? '系统'}　意见：${s.comment ?? '—'}`);
    doc.text(`所见数据摘要（SHA-256）：${s.snapshotSha256}`);
    doc.fillColor('black').moveDown(0.6);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export async function evidenceXlsx(app: CreditApplication, steps: WorkflowStep[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhanye';
  const ws = wb.addWorksheet('履职记录');
  ws.addRow([title(app)]);
  ws.addRow([
    `经办机构：${app.orgName}`,
    `客户经理：${app.ownerName}`,
    `当前状态：${words(STATE, app.status)}`,
  ]);
  ws.addRow([]);
  const header = ws.addRow([
    '序号',
    '操作',
    '从',
    '到',
    '经办人',
    '岗位',
    '机构',
    '时间',
    '来源地址',
    '意见',
    '数据摘要 SHA-256',
  ]);
  header.font = { bold: true };
  for (const [i, s] of steps.entries()) {
    ws.addRow([
      i + 1,
      words(COMMAND, s.command),
      words(STATE, s.from),
      words(STATE, s.to),
      s.actorName,
      posts(s),
      s.actorOrgName,
      at(s.at),
      s.clientIp ?? '系统',
      s.comment ?? '',
      s.snapshotSha256,
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = [6, 16, 12, 12, 10, 12, 14, 20, 16, 30, 66][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

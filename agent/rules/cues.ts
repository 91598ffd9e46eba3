// Cue words by intent, English and Chinese. Patterns are written for how people phrase things, not for one sentence.
export const CUES = {
  // A short command, with the fillers people add: "oops, undo that", "that was wrong, undo", "undo please", "delete that".
  undo: [/^\W*((oops|sorry|wait|no|nope|hmm|ah|actually|my (bad|mistake)|wrong|that('s| was| is) (wrong|a mistake|not right|incorrect))[\s,.!;-]+)*(never ?mind[\s,.!;-]*)?(please\s+|pls\s+|can you\s+)?(undo|revert|scratch|cancel|delete|remove|take back|roll back)( (that|it|this|the last( one| change| entry| message| record| thing)?|my last( change| entry| message| one)?))?( please| pls| thanks)?\W*$|^\W*never ?mind\W*$/i, /撤销|撤回|取消刚才|刚才那条不要|删掉刚才/],
  draft: [/\b(e-?mail|message|note|wechat|text|reply) draft\b|\bdraft (of|for) (a |an )?(e-?mail|message|note|reply)?/i, /\b(draft|write|compose|prepare|help me (write|word))\b.{0,60}\b(e-?mail|message|note|reply|text|wechat|letter|follow[- ]?up|check[- ]?in|response|msg|dm|apology|thank[- ]you|invitation|greeting)\b/i, /(帮我|给我|请)?(写|起草|拟|草拟|编辑)(一)?[条封个段]?.{0,20}(微信|邮件|消息|短信|信息|回复|跟进|问候|道歉信)|帮我写|起草/],
  // Imperative only ("Move Bluewave over to Tom"): "he might move volume to a competitor" is news, not an order.
  reassign: [/^(please\s+)?(can you\s+)?(reassign|re-assign|transfer|move|hand( it)?( over| off)?|give|assign)\b.{0,80}\bto\b/i, /\b(reassign|re-assign)\b|\btransfer (ownership|the account)\b/i, /(转给|交给.{0,10}负责|移交|划给|分配给|转到.{0,8}名下|改由)/],
  newCustomer: [/\b(new (customer|account|client|prospect|lead)|add (a )?(new )?(customer|account|client))\b/i, /(新客户|新增客户|新建客户|添加客户|加一个客户|新的客户)/],
  newContact: [/\b(add|new|create)\b.{0,30}\bcontacts?\b/i, /(添加|新增|加一个|加个|新建|新的)联系人/],
  complaint: [/\b(complain(ed|s|t|ts|ing)?|grievance|escalat(ed|ion))\b|\breport(ed|s)? (a |an |another )?(problem|issue|bug|fault|outage|defect)/i, /(投诉|抱怨|申诉)|反馈.{0,12}(问题|故障|宕机|坏了|出错|错误|质量|太慢|延迟)/],
  resolved: [/\b(resolved|fixed|sorted( out)?|closed|settled|taken care of|is solved|solved)\b/i, /(已经?解决|解决了|处理好了?|处理完了?|已处理|已关闭|搞定了?)/],
  urgent: [/\b(urgent|urgently|asap|serious|critical|angry|furious|escalat\w*|immediately|high priority|severe)\b/i, /(比较急|很急|紧急|急|严重|马上|立刻|非常不满|很生气)/],
  /** Checked before `urgent`: "not urgent", "不算太严重" are minor, though they contain the urgent word. */
  minor: [/\b(minor|small|low priority|not (urgent|serious|critical|a big deal)|no rush)\b/i, /(小问题|不急|轻微|不(算|是|太|怎么)?(太|很|特别|那么)?(严重|急|着急))/],
  survey: [/\b(nps|csat|survey|satisfaction|rated us|rating|scored|score of|gave us an? \d)/i, /(满意度|调查|评分|打了?\s*\d+\s*分|推荐度|推荐值|\d+\s*分)/],
  /** An order that is only planned or possible is news for the log, not an order to record. */
  orderFuture: [/\b(will|might|may|plan(s|ning)? to|going to|would like to|want(s)? to|considering|could)\b.{0,30}\b(order|purchase|buy)/i, /(会|将|要|可能|打算|计划|准备|考虑|想)(再|会)?.{0,4}(追加|下单|订购|采购|订单|下)/],
  order: [/\b(placed (a |an )?(new )?order|new order|ordered|purchase order|\bpo\b|bought|purchased|re-?ordered|order (for|of|worth))\b|\b(order|po)\s*[:：=]/i, /\b(signed|got|received|booked|landed|closed|secured|won)\b.{0,30}\b(order|po)\b|\d\s*(k|m|million|thousand|万)?\s*(cny|rmb|usd|yuan|dollars?)?\s+(order|po)\b/i, /(下了.{0,12}订单|下(一|1|个|笔)?(新)?订单|下单|订购|采购了|签了.{0,10}(合同|单)|新订单|订了|又订|下了?[一两几\d]?单(?![位独价据])|下了.{0,10}?的?单子|追加了?.{0,4}(一批|订单|采购|货|\d)|加单)/],
  /** A deal decided or opened: "won the Summit renewal", "Greenleaf 冷链项目丢单了", "new opportunity with …". */
  dealWon: [/\b(won|closed[- ]won|signed off on|we got)\b.{0,40}\b(deal|renewal|contract|opportunity|project|pilot)\b|\b(deal|renewal|opportunity|pilot)\b.{0,30}\b(is |was )?(won|closed[- ]won)\b/i, /(赢单|拿下了?|中标|成交了)/],
  dealLost: [/\b(lost|closed[- ]lost)\b.{0,40}\b(deal|renewal|contract|opportunity|project|pilot)\b|\b(deal|renewal|opportunity|pilot)\b.{0,30}\b(is |was )?(lost|dead|closed[- ]lost)\b/i, /(丢单|输单|没拿下|黄了|失败了)/],
  newDeal: [/\b(new|open(ed)?|create(d)?|add(ed)?)\b.{0,10}\b(deal|opportunity)\b/i, /(新商机|新建商机|新增商机|新的商机|添加商机)/],
  deal: [/\b(deals?|opportunit(y|ies)|pipeline)\b/i, /(商机|项目.{0,6}(成交|签约|关单)|成交)/],
  closing: [/\b(clos(e|ing|es)|expected to close|land|sign)\b/i, /(成交|签约|关单|结单|到期|完成|要签|签单|签下|能签)/],
  doneFollowUp: [/\b(done with|finished|completed|did|closed|ticked off|took care of)\b.{0,40}\b(follow[- ]?ups?|task|to-?do|reminder)\b|\bfollow[- ]?up\b.{0,30}\b(is |was )?(done|complete|completed|finished)\b/i, /(跟进|待办|任务).{0,8}(完成了?|做完了?|搞定了?|已完成|已经完成)|(完成|做完|搞定)了?.{0,10}(跟进|待办|任务)|(的事|这事|这件事|那件事|的事情)(已经|都|也)?(做完|办完|搞定|完成|弄好|处理完)了?/],
  /** Moving or dropping a follow-up: "push the Bluewave follow-up to Friday", "取消星辰科技的跟进". */
  snoozeFollowUp: [/\b(postpone|push( back)?|snooze|delay|reschedule|move|defer)\b.{0,50}\b(follow[- ]?up|reminder|task)\b|\b(follow[- ]?up|reminder|task)\b.{0,40}\b(postpone|push(ed)?( back)?|snooze|delay|reschedule|move)/i, /(跟进|待办|提醒).{0,12}(推迟|延期|改到|改期|顺延|往后推|推到)|(推迟|延期|顺延|改期).{0,12}(跟进|待办|提醒)/],
  cancelFollowUp: [/\b(cancel|drop|delete|remove|scrap|forget)\b.{0,50}\b(follow[- ]?up|reminder|task)\b|\b(follow[- ]?up|reminder)\b.{0,30}\b(cancel(l?ed)?|no longer needed|not needed)/i, /(取消|删掉|删除|不用|不需要).{0,12}(跟进|待办|提醒)|(跟进|待办|提醒).{0,10}(取消|不用了|不需要了)/],
  followUp: [/\b(follow[- ]?up|remind me|reminder|check back|try (again|back)|call again|retry|ping (him|her|them)|touch base|circle back|call (him|her|them) back|get back to (him|her|them)|send (the|a|him|her|them)\b.{0,40}\b(next|on|by|in|tomorrow)|don't forget)/i, /(再跟进|跟进|提醒我|记得|回访一下|再联系|再约|再打|再试|回复他|回复她|下次)/],
  /** A meeting or call arranged for later: "跟孙丽约了下周三见面", "set up a demo with Acme for Friday". */
  arranged: [/\b(scheduled|set up|booked|arranged|planned|lined up|confirmed)\b.{0,40}\b(meeting|call|visit|demo|lunch|dinner|session|appointment)\b|\b(meeting|call|visit|demo|appointment)\b.{0,20}\b(is |was )?(scheduled|booked|set|confirmed)\b/i, /(约了|约好了?|约在|预约了|安排了)/],
  /** The rep's own plan, said as such: "Need to call Kevin in 2 weeks", "I'll visit Acme on Friday", "下周要去拜访华东机械". */
  planAhead: [/^(i\s+)?(need|have|got|want|plan|am going|'m going|ought)\s+to\b|^(i'll|i will|i should|i must|i'm going to|must|gotta|going to|gonna|should|will|let me|let's)\b/i, /^(我)?(明天|后天|下周.?|周.|这周.?|月底|下个?月)?(要|需要|得|打算|准备|计划|安排)(去|给|和|跟|约|再)/],
  remind: [/\b(remind me|reminder|to-?do|don't forget|need to|have to)\b/i, /(提醒我|记得|要给|需要给)/],
  logVerb: [/\b(log|record|note)\b.{0,20}\b(call|visit|meeting|email|message|chat)\b/i, /(记录一下|记一下|记录)/],
  listFollowUps: [/\bwhat (do i have|have i got|'?s on)\b|\bmy (day|week|plate|list|agenda)\b|\bon my (plate|list|agenda)\b/i, /(逾期|过期|到期|超期|今天|今日|本周|这周|这个星期|明天)的?(跟进|待办|任务|事)|(跟进|待办)(有哪些|列表|清单)|哪些(跟进|待办)/, /\b(my )?(follow[- ]?ups?|to-?dos?|tasks|reminders|what'?s due|due (today|this week)|on my plate|agenda)\b|\b(what'?s|what is|anything|is anything|everything) (overdue|late|due)\b/i, /(待办|待跟进|要跟进|跟进事项|跟进任务|今天要做|要做什么|有什么事|提醒事项)/],
  atRisk: [/\b(at[- ]risk|slipping|churn|losing|might lose|going cold|cooling|in danger|unhappy customers|need(s)? attention|neglected)\b/i, /(流失|风险|危险|要丢|快丢|不满意的客户|需要关注|要关注|需要注意|不活跃|预警)/],
  stale: [/\b(haven'?t|have not|hasn'?t|not|no one has|nobody has)\b.{0,20}\b(contacted|talked|spoken|called|visited|reached|heard)\b|\b(no ?one|nobody)\b.{0,15}\b(contacted|talked to|spoken to|called|visited|reached|touched)\b|\bno (contact|touch)\b|\bgone quiet\b|\b(not|no) (been )?(in touch|heard from)\b/i, /(没有?联系|未联系|没有?跟进|没有?拜访|很久没|多久没|没沟通)/],
  activity: [/\b(activity|activities|how many (calls|visits|meetings)|who did what|productivity|team (did|performance)|what did .{1,30} do)\b/i, /((做|干|忙)了?(什么|啥|哪些)|工作情况|活动量|活动情况|工作量|业绩|拜访了多少|打了多少|团队.{0,10}(情况|表现|活动)|各人|每个人)/],
  totals: [/\b(total|sum|how much|how many orders|revenue|order value|sales (from|to|with|of)|spent|spend)\b/i, /(总额|总共|一共|合计|多少钱|销售额|订单金额|订单总|买了多少|采购额|(下|订)了?多少(笔|个)?(订)?单|多少(笔|个)?订单|订单(有)?多少)/],
  owner: [/\b(who (owns|is responsible for|handles|manages|covers|looks after|has)|owner of|whose (account|customer)|account owner)\b/i, /(谁负责|负责人是谁|负责人|归谁|谁的客户|谁在跟)/],
  lastContact: [/\b(when did (we|i|you|anyone|someone)( last)?|last (time|contact|talked|spoke|touch|call|visit|interaction)|most recent (contact|interaction))\b/i, /(最后一次|上次.{0,6}(联系|沟通|拜访|通话|见面)|最近一次|什么时候.{0,6}(联系|沟通|拜访))/],
  summary: [/\b(how is|how's|how are|status|update on|what's (going on|happening|new) with|show me|tell me about|overview|summary|profile|details|look up|lookup|pull up)\b/i, /(情况|怎么样|近况|介绍|看看|查一下|查查|概况|档案|详情|资料)/],
  /** Talking without saying how: "spoke to Emily", "和赵磊聊了", "开完会" (a call unless a channel says otherwise). */
  conversation: [/\b(spoke|spoken|talked|chatted|caught up|connected|touched base|heard from|got hold of|reached)\b/i, /(聊了|聊过|谈了|谈过|沟通了|沟通过|交流了|联系了|联系过|见了)/],
  meetingLoose: [/(开(了|完)?(个|一个|一次)?(视频|线上|电话|网络)?会|见(了)?(个)?面|吃(了)?(个|顿)?饭)/],
  /** A future step the rep will take, written without "remind me": "send her the contract next Monday", "月底前发正式报价". */
  repAction: [/^(and\s+)?((tomorrow|today|tonight|later|next week|this week|(on |next |this )?(mon|tues|wednes|thurs|fri)day)\s*[:,-]?\s+)?(i('ll| will| need to| have to| must| should)\s+)?(send|call|email|visit|meet|prepare|share|deliver|submit|quote|check|confirm|schedule|book|set up|arrange)\b/i, /^(?!(他们|他|她|对方|客户|[\p{Script=Han}]{2,3}说)|[^,,。]{0,12}(说|表示|告诉|觉得|认为))[^,,。]{0,10}?(前|之前|以前|时|的时候)?(我)?(再|要|得|会|需要|准备)?(给[^,,。]{0,6})?(发|打|约|准备|提交|确认|报价|安排|寄|送|回访|拜访|联系|跟进|去)(?![了过])/u],
  /** The customer asks the rep for something with a deadline: "wants pricing by end of next week", "要求周五前给报价". */
  customerRequest: [/\b(wants?|asked (for|us to|me to)|asks (for|us to|me to)|needs?|requested|expects?|waiting (for|on))\b.{0,40}\b(quote|quotation|pricing|prices?|price list|proposal|contract|samples?|catalog(ue)?|invoice|offer|deck|specs?|demo|documents?|report)\b/i, /(要求|希望我们|让我们|让我|请我们|需要我们|等我们|催).{0,12}(报价|价格|方案|合同|样品|资料|发票|对账单|演示|清单|计划)/],
  /** "List my customers", "our A-tier accounts", "我有多少个客户?" */
  listCustomers: [/\b(list|show( me)?|what are|which are|give me|see)\s+(all\s+)?(of\s+)?(my|our|the|team'?s?|[a-z]+'s)?\s*(team'?s?\s+)?(([a-d])[- ]tier\s+|tier[- ]?[a-d]\s+|key\s+|active\s+|all\s+)?(customers|accounts|clients)\b|\bhow many (customers|accounts|clients)\b|^(my|our) (customers|accounts|clients)\W*$|\b([a-d])[- ]tier (customers|accounts|clients)\b/i, /(我的客户(有哪些|列表|名单)?[??]?$|我(有|管|负责)(多少|几|哪些)个?客户|[ABCDabcd]\s*(级|类)客户|所有客户|客户列表|客户名单|团队(的)?客户(有哪些)?|(列出|看看|显示)(我的|团队的?|所有)?客户)/],
  digest: [/\b(digest|briefing|morning brief|daily brief|daily summary)\b/i, /(简报|日报|今日摘要|每日摘要|今天的摘要|每日简报)/],
  birthday: [/\bbirthdays?\b/i, /生日/],
  /** Profile edits: "Bluewave is now tier B", "把海通物流升级为A类客户", "archive Orchid". */
  // "tier B" first; "B-tier" only with a capital letter, so "now a tier B account" is never tier A.
  setTier: [/\b(?:is now|now|make|set|change|move|upgrade|downgrade|bump|mark|put|reclassify|should be)\b.{0,40}?\btier[- ]?([a-dA-D])\b/i, /\b(?:[Ii]s now|[Nn]ow|[Mm]ake|[Ss]et|[Cc]hange|[Mm]ove|[Uu]pgrade|[Dd]owngrade|[Bb]ump|[Mm]ark|[Pp]ut|[Rr]eclassify|[Ss]hould be)\b.{0,40}?\b([A-D])[- ]?[Tt]ier\b/, /(?:升级|降级|调整|改|设|变|归|定|划)(?:为|成|到)?\s*([ABCDabcd])\s*(?:级|类)/],
  archive: [/\b(archive|deactivate)\b/i, /(归档|停用这个客户|设为停用)/],
  setField: [/\b(industry|region|city|location)\b\s*(?:to|is now|is|=|:)\s*(.+)$/i, /(行业|地区|城市|所在地|区域)(?:改成|改为|换成|调整为|更新为|是|为)\s*(.+)$/],
  contactField: [/\b(?:new |updated |changed )(?:phone|number|mobile|cell|e-?mail|title|job title|role)\b|\b(?:phone|number|mobile|cell|e-?mail|title|job title|role)\b.{0,12}\b(?:is|to|now|changed|updated|moved)\b|\b(?:is now|became|promoted to)\b/i, /(电话|手机|号码|邮箱|职位|头衔)(?:换成|改成|改为|更新为|变成|是|换了)|升(?:职|任)为|现在是/],
  smallTalk: [/^(hi|hello|hey|thanks|thank you|thx|ok|okay|cool|great|good morning|good night|bye)\b[\s!.,]*$/i, /^(你好|您好|谢谢|多谢|好的|好|嗯|收到|早上好|晚安|再见)[\s!!。.,,]*$/],
} as const;

/** Index of the first match of any pattern, or -1. */
export function indexOf(text: string, patterns: readonly RegExp[]): number {
  let best = -1;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

export function has(lower: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(lower));
}

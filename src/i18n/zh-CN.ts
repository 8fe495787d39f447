// Every Simplified Chinese message of the app: locales/zh-CN.ts and the zh-CN modules of the
// player, predict mode, lessons, the generator and the terminals, merged as index.ts merges the English ones.
// Its own chunk: index.ts loads it when the app speaks Chinese.

import { generatorZhCN } from './locales/generator.zh-CN';
import { lessonsZhCN } from './locales/lessons.zh-CN';
import { playerZhCN } from './locales/player.zh-CN';
import { predictZhCN } from './locales/predict.zh-CN';
import { shellZhCN } from './locales/shell.zh-CN';
import { zhCN } from './locales/zh-CN';
import { vlanZhCN } from './locales/vlan.zh-CN';
import { inspectorLaterZhCN, natZhCN, syntaxZhCN, viewsZhCN } from './locales/inspector.zh-CN';

export const zhCNAll = { ...zhCN, inspector: { ...zhCN.inspector, ...inspectorLaterZhCN }, nat: natZhCN, views: viewsZhCN, syntax: syntaxZhCN, player: playerZhCN, predict: predictZhCN, lessons: lessonsZhCN, generator: generatorZhCN, shell: shellZhCN, vlan: vlanZhCN };

import { describe, expect, test } from 'vitest';
import { clabLabName, fileSafe } from './download';

describe('file names from a network name', () => {
  test.each([
    ['two-subnets-router', 'two-subnets-router', 'two-subnets-router'],
    ['Lab 3: two LANs', 'Lab_3_two_LANs', 'Lab-3-two-LANs'],
    ['家庭网络', '家庭网络', 'network'],
    ['r1:eth2--sw2:p1', 'r1_eth2--sw2_p1', 'r1-eth2--sw2-p1'],
    ['  ../x/  ', 'x', 'x'],
  ])('%j: file %j, containerlab lab %j', (name, file, lab) => {
    expect(fileSafe(name)).toBe(file);
    expect(clabLabName(name)).toBe(lab);
  });
});

	.section .ksyms, "a"
	.balign 8
	.globl __ksyms
__ksyms:
	.quad 1258
	.quad 0xffffffc080200000, 0
	.quad 0xffffffc080200000, 7
	.quad 0xffffffc080200000, 21
	.quad 0xffffffc0802000d2, 27
	.quad 0xffffffc0802000fc, 42
	.quad 0xffffffc080200160, 58
	.quad 0xffffffc08020019a, 75
	.quad 0xffffffc0802001d8, 98
	.quad 0xffffffc080200254, 109
	.quad 0xffffffc0802002d0, 123
	.quad 0xffffffc0802002f4, 132
	.quad 0xffffffc080200318, 144
	.quad 0xffffffc0802003e2, 155
	.quad 0xffffffc0802003f4, 166
	.quad 0xffffffc08020046c, 180
	.quad 0xffffffc0802004d0, 198
	.quad 0xffffffc0802005fc, 214
	.quad 0xffffffc0802006a6, 224
	.quad 0xffffffc080200788, 238
	.quad 0xffffffc08020079c, 259
	.quad 0xffffffc0802007f6, 277
	.quad 0xffffffc080200a24, 286
	.quad 0xffffffc080200a54, 299
	.quad 0xffffffc080200b44, 307
	.quad 0xffffffc080200bb8, 323
	.quad 0xffffffc080200c1a, 341
	.quad 0xffffffc080200cda, 364
	.quad 0xffffffc080200d20, 375
	.quad 0xffffffc080200d7a, 393
	.quad 0xffffffc080200da2, 408
	.quad 0xffffffc080200dbe, 418
	.quad 0xffffffc080200de8, 431
	.quad 0xffffffc080200e02, 451
	.quad 0xffffffc080200e26, 471
	.quad 0xffffffc080200e44, 488
	.quad 0xffffffc080200e62, 500
	.quad 0xffffffc080200e80, 517
	.quad 0xffffffc080200ea0, 531
	.quad 0xffffffc080200edc, 544
	.quad 0xffffffc080200f16, 559
	.quad 0xffffffc080200f5c, 575
	.quad 0xffffffc080200f94, 597
	.quad 0xffffffc080200fd0, 616
	.quad 0xffffffc080201014, 633
	.quad 0xffffffc08020105e, 649
	.quad 0xffffffc08020109c, 667
	.quad 0xffffffc0802010b4, 676
	.quad 0xffffffc0802010fc, 692
	.quad 0xffffffc0802012d4, 713
	.quad 0xffffffc08020131a, 726
	.quad 0xffffffc080201416, 740
	.quad 0xffffffc0802014a6, 756
	.quad 0xffffffc080201574, 767
	.quad 0xffffffc080201644, 776
	.quad 0xffffffc0802016c0, 788
	.quad 0xffffffc0802016d0, 806
	.quad 0xffffffc08020179e, 817
	.quad 0xffffffc080201800, 829
	.quad 0xffffffc08020187a, 841
	.quad 0xffffffc0802019fa, 853
	.quad 0xffffffc080201a4e, 868
	.quad 0xffffffc080201a82, 882
	.quad 0xffffffc080201aea, 898
	.quad 0xffffffc080201c1e, 911
	.quad 0xffffffc080201d9c, 921
	.quad 0xffffffc080201db8, 935
	.quad 0xffffffc080201e22, 952
	.quad 0xffffffc080201e34, 963
	.quad 0xffffffc080201e46, 974
	.quad 0xffffffc080201ef6, 989
	.quad 0xffffffc080201f64, 999
	.quad 0xffffffc08020203e, 1009
	.quad 0xffffffc08020216a, 1018
	.quad 0xffffffc080202256, 1033
	.quad 0xffffffc08020226a, 1046
	.quad 0xffffffc08020227e, 1061
	.quad 0xffffffc0802022ec, 1075
	.quad 0xffffffc080202332, 1088
	.quad 0xffffffc08020238a, 1103
	.quad 0xffffffc080202450, 1117
	.quad 0xffffffc08020254e, 1132
	.quad 0xffffffc080202568, 1151
	.quad 0xffffffc080202584, 1164
	.quad 0xffffffc0802025cc, 1177
	.quad 0xffffffc0802025ee, 1193
	.quad 0xffffffc080202614, 1218
	.quad 0xffffffc080202648, 1235
	.quad 0xffffffc08020272a, 1251
	.quad 0xffffffc080202928, 1267
	.quad 0xffffffc080202940, 1285
	.quad 0xffffffc0802029ba, 1296
	.quad 0xffffffc0802029dc, 1307
	.quad 0xffffffc080202a00, 1325
	.quad 0xffffffc080202a20, 1342
	.quad 0xffffffc080202a30, 1357
	.quad 0xffffffc080202a92, 1367
	.quad 0xffffffc080202af0, 1377
	.quad 0xffffffc080202ba4, 1386
	.quad 0xffffffc080202bbe, 1401
	.quad 0xffffffc080202bf0, 1423
	.quad 0xffffffc080202d10, 1432
	.quad 0xffffffc080202dd0, 1444
	.quad 0xffffffc080202efc, 1462
	.quad 0xffffffc080202f88, 1477
	.quad 0xffffffc0802031bc, 1494
	.quad 0xffffffc0802031de, 1509
	.quad 0xffffffc080203200, 1524
	.quad 0xffffffc080203250, 1546
	.quad 0xffffffc080203264, 1559
	.quad 0xffffffc080203406, 1571
	.quad 0xffffffc080203532, 1585
	.quad 0xffffffc080203718, 1595
	.quad 0xffffffc0802037a6, 1609
	.quad 0xffffffc0802038bc, 1621
	.quad 0xffffffc0802039a2, 1641
	.quad 0xffffffc0802039e0, 1651
	.quad 0xffffffc080203a10, 1668
	.quad 0xffffffc080203a6a, 1686
	.quad 0xffffffc080203ad2, 1696
	.quad 0xffffffc080203baa, 1704
	.quad 0xffffffc080203c2e, 1715
	.quad 0xffffffc080203cee, 1726
	.quad 0xffffffc080203df0, 1741
	.quad 0xffffffc080203eec, 1758
	.quad 0xffffffc08020407c, 1773
	.quad 0xffffffc0802040ea, 1792
	.quad 0xffffffc08020419c, 1806
	.quad 0xffffffc080204342, 1819
	.quad 0xffffffc080204380, 1837
	.quad 0xffffffc08020439c, 1854
	.quad 0xffffffc080204708, 1864
	.quad 0xffffffc08020477a, 1873
	.quad 0xffffffc08020479c, 1891
	.quad 0xffffffc0802047be, 1909
	.quad 0xffffffc08020481c, 1927
	.quad 0xffffffc0802048ea, 1940
	.quad 0xffffffc080204940, 1952
	.quad 0xffffffc0802049a0, 1966
	.quad 0xffffffc0802049cc, 1985
	.quad 0xffffffc080204a14, 2005
	.quad 0xffffffc080204aa4, 2022
	.quad 0xffffffc080204bb4, 2035
	.quad 0xffffffc080204c0a, 2047
	.quad 0xffffffc080204cba, 2068
	.quad 0xffffffc080204cce, 2082
	.quad 0xffffffc080204d3c, 2098
	.quad 0xffffffc080204ea8, 2114
	.quad 0xffffffc080204eba, 2123
	.quad 0xffffffc080204ee4, 2128
	.quad 0xffffffc080204f56, 2141
	.quad 0xffffffc080204f68, 2151
	.quad 0xffffffc080204fbc, 2161
	.quad 0xffffffc080204fd6, 2181
	.quad 0xffffffc0802050c4, 2191
	.quad 0xffffffc080205164, 2213
	.quad 0xffffffc08020518e, 2222
	.quad 0xffffffc080205202, 2227
	.quad 0xffffffc0802052f0, 2243
	.quad 0xffffffc08020540a, 2254
	.quad 0xffffffc080205480, 2263
	.quad 0xffffffc0802054f2, 2278
	.quad 0xffffffc08020556a, 2293
	.quad 0xffffffc0802055e0, 2302
	.quad 0xffffffc080205622, 2323
	.quad 0xffffffc080205646, 2338
	.quad 0xffffffc0802056c4, 2345
	.quad 0xffffffc0802056d6, 2352
	.quad 0xffffffc080205722, 2359
	.quad 0xffffffc0802057ae, 2379
	.quad 0xffffffc0802057d8, 2395
	.quad 0xffffffc0802057fa, 2409
	.quad 0xffffffc08020585e, 2420
	.quad 0xffffffc0802058b6, 2433
	.quad 0xffffffc080205934, 2442
	.quad 0xffffffc0802059e4, 2453
	.quad 0xffffffc0802060a2, 2470
	.quad 0xffffffc0802060e6, 2482
	.quad 0xffffffc08020610a, 2496
	.quad 0xffffffc08020612e, 2510
	.quad 0xffffffc08020617c, 2523
	.quad 0xffffffc0802061be, 2538
	.quad 0xffffffc08020628a, 2549
	.quad 0xffffffc0802062a0, 2554
	.quad 0xffffffc0802062e0, 2559
	.quad 0xffffffc080206390, 2576
	.quad 0xffffffc08020642a, 2594
	.quad 0xffffffc0802064d0, 2611
	.quad 0xffffffc080206560, 2623
	.quad 0xffffffc0802065d8, 2636
	.quad 0xffffffc0802065f4, 2655
	.quad 0xffffffc080206704, 2665
	.quad 0xffffffc080206724, 2681
	.quad 0xffffffc080206748, 2695
	.quad 0xffffffc08020676a, 2708
	.quad 0xffffffc08020678c, 2723
	.quad 0xffffffc0802067ac, 2737
	.quad 0xffffffc080206828, 2750
	.quad 0xffffffc080206930, 2764
	.quad 0xffffffc080206a0a, 2778
	.quad 0xffffffc080206b2e, 2791
	.quad 0xffffffc080206c96, 2816
	.quad 0xffffffc080206fdc, 2841
	.quad 0xffffffc0802070e2, 2868
	.quad 0xffffffc080207190, 2894
	.quad 0xffffffc0802071ba, 2911
	.quad 0xffffffc080207206, 2926
	.quad 0xffffffc0802073a6, 2941
	.quad 0xffffffc080207492, 2954
	.quad 0xffffffc080207b9c, 2982
	.quad 0xffffffc0802081a8, 3007
	.quad 0xffffffc080208604, 3028
	.quad 0xffffffc080208758, 3043
	.quad 0xffffffc080208d2a, 3072
	.quad 0xffffffc080208d8a, 3080
	.quad 0xffffffc080208dd2, 3086
	.quad 0xffffffc080208dfe, 3091
	.quad 0xffffffc080208f0a, 3112
	.quad 0xffffffc08020a42a, 3123
	.quad 0xffffffc08020d210, 3138
	.quad 0xffffffc08020d306, 3150
	.quad 0xffffffc08020d324, 3159
	.quad 0xffffffc08020d344, 3169
	.quad 0xffffffc08020d362, 3182
	.quad 0xffffffc08020d3de, 3190
	.quad 0xffffffc08020d45c, 3200
	.quad 0xffffffc08020d4be, 3211
	.quad 0xffffffc08020d694, 3226
	.quad 0xffffffc08020d7e0, 3238
	.quad 0xffffffc08020d836, 3253
	.quad 0xffffffc08020d8a6, 3267
	.quad 0xffffffc08020d94a, 3277
	.quad 0xffffffc08020da3e, 3287
	.quad 0xffffffc08020dbee, 3297
	.quad 0xffffffc08020dd28, 3308
	.quad 0xffffffc08020dd64, 3318
	.quad 0xffffffc08020ddbc, 3328
	.quad 0xffffffc08020de1e, 3340
	.quad 0xffffffc08020de94, 3349
	.quad 0xffffffc08020deae, 3360
	.quad 0xffffffc08020dec8, 3370
	.quad 0xffffffc08020df54, 3383
	.quad 0xffffffc08020e3e4, 3394
	.quad 0xffffffc08020e7f0, 3403
	.quad 0xffffffc08020ea6c, 3415
	.quad 0xffffffc08020ea9c, 3435
	.quad 0xffffffc08020eb10, 3457
	.quad 0xffffffc08020ec06, 3473
	.quad 0xffffffc08020ecd0, 3487
	.quad 0xffffffc08020ed08, 3502
	.quad 0xffffffc08020ef02, 3514
	.quad 0xffffffc08020f01e, 3525
	.quad 0xffffffc08020f0f2, 3539
	.quad 0xffffffc08020f166, 3557
	.quad 0xffffffc08020f202, 3570
	.quad 0xffffffc08020f2a2, 3586
	.quad 0xffffffc08020f454, 3599
	.quad 0xffffffc08020f4b6, 3611
	.quad 0xffffffc08020f506, 3624
	.quad 0xffffffc08020f5c2, 3635
	.quad 0xffffffc08020f6c6, 3653
	.quad 0xffffffc08020f6e6, 3671
	.quad 0xffffffc08020f73e, 3683
	.quad 0xffffffc08020f7a0, 3695
	.quad 0xffffffc08020f840, 3709
	.quad 0xffffffc08020f854, 3726
	.quad 0xffffffc08020f868, 3744
	.quad 0xffffffc08020f914, 3757
	.quad 0xffffffc08020f974, 3766
	.quad 0xffffffc08020f9be, 3776
	.quad 0xffffffc08020fa3c, 3788
	.quad 0xffffffc08020faa6, 3801
	.quad 0xffffffc08020fb86, 3821
	.quad 0xffffffc08020fbc6, 3832
	.quad 0xffffffc08020fbe0, 3844
	.quad 0xffffffc08020fbf8, 3865
	.quad 0xffffffc08020fc0e, 3879
	.quad 0xffffffc08020fc38, 3897
	.quad 0xffffffc08020fe1a, 3905
	.quad 0xffffffc08020fea4, 3913
	.quad 0xffffffc08020ff58, 3928
	.quad 0xffffffc080210080, 3936
	.quad 0xffffffc080210100, 3946
	.quad 0xffffffc08021020c, 3957
	.quad 0xffffffc0802102ba, 3975
	.quad 0xffffffc08021030a, 3990
	.quad 0xffffffc08021043c, 4000
	.quad 0xffffffc0802104fc, 4014
	.quad 0xffffffc0802105e0, 4029
	.quad 0xffffffc0802106dc, 4044
	.quad 0xffffffc08021078e, 4056
	.quad 0xffffffc08021087c, 4068
	.quad 0xffffffc080210932, 4082
	.quad 0xffffffc080210a2a, 4093
	.quad 0xffffffc080210aea, 4106
	.quad 0xffffffc080210bc8, 4120
	.quad 0xffffffc080210c94, 4133
	.quad 0xffffffc080210cf8, 4147
	.quad 0xffffffc080210db2, 4157
	.quad 0xffffffc080210e22, 4168
	.quad 0xffffffc080210ebc, 4179
	.quad 0xffffffc080210eda, 4189
	.quad 0xffffffc080210fa4, 4196
	.quad 0xffffffc08021103e, 4207
	.quad 0xffffffc0802111e0, 4214
	.quad 0xffffffc08021127c, 4220
	.quad 0xffffffc08021134c, 4234
	.quad 0xffffffc080211366, 4243
	.quad 0xffffffc080211380, 4253
	.quad 0xffffffc08021139c, 4263
	.quad 0xffffffc0802113b8, 4274
	.quad 0xffffffc0802113d2, 4286
	.quad 0xffffffc0802113ec, 4299
	.quad 0xffffffc080211454, 4309
	.quad 0xffffffc08021146e, 4319
	.quad 0xffffffc0802114b8, 4327
	.quad 0xffffffc08021152c, 4336
	.quad 0xffffffc080211652, 4346
	.quad 0xffffffc0802116e6, 4356
	.quad 0xffffffc080211750, 4366
	.quad 0xffffffc0802118c4, 4381
	.quad 0xffffffc0802118e0, 4392
	.quad 0xffffffc0802118fc, 4404
	.quad 0xffffffc080211912, 4415
	.quad 0xffffffc08021193e, 4437
	.quad 0xffffffc08021195a, 4448
	.quad 0xffffffc08021198c, 4468
	.quad 0xffffffc0802119a4, 4483
	.quad 0xffffffc0802119ee, 4494
	.quad 0xffffffc080211a5c, 4508
	.quad 0xffffffc080211b8c, 4529
	.quad 0xffffffc080211c5e, 4543
	.quad 0xffffffc080211d80, 4555
	.quad 0xffffffc080211da0, 4565
	.quad 0xffffffc080211eae, 4587
	.quad 0xffffffc080211f9e, 4619
	.quad 0xffffffc08021209c, 4642
	.quad 0xffffffc080212188, 4668
	.quad 0xffffffc080212218, 4692
	.quad 0xffffffc080212292, 4704
	.quad 0xffffffc0802123b2, 4736
	.quad 0xffffffc0802124ba, 4777
	.quad 0xffffffc080212510, 4802
	.quad 0xffffffc0802125b6, 4826
	.quad 0xffffffc08021265e, 4853
	.quad 0xffffffc0802126c0, 4877
	.quad 0xffffffc080212750, 4899
	.quad 0xffffffc080212866, 4928
	.quad 0xffffffc080212900, 4957
	.quad 0xffffffc0802129c0, 4986
	.quad 0xffffffc0802129ce, 5016
	.quad 0xffffffc080212a3c, 5025
	.quad 0xffffffc080212b90, 5049
	.quad 0xffffffc080212ddc, 5083
	.quad 0xffffffc080212e66, 5107
	.quad 0xffffffc080212eac, 5145
	.quad 0xffffffc080213050, 5157
	.quad 0xffffffc08021307c, 5170
	.quad 0xffffffc080213590, 5183
	.quad 0xffffffc0802135b8, 5195
	.quad 0xffffffc080213616, 5205
	.quad 0xffffffc080213638, 5214
	.quad 0xffffffc080213680, 5223
	.quad 0xffffffc080213690, 5234
	.quad 0xffffffc0802136a2, 5247
	.quad 0xffffffc0802136ba, 5257
	.quad 0xffffffc080213704, 5265
	.quad 0xffffffc0802137de, 5273
	.quad 0xffffffc080213860, 5282
	.quad 0xffffffc0802138ae, 5293
	.quad 0xffffffc0802138e2, 5303
	.quad 0xffffffc08021398a, 5315
	.quad 0xffffffc080213b10, 5323
	.quad 0xffffffc080213bec, 5333
	.quad 0xffffffc080213dac, 5345
	.quad 0xffffffc080213e50, 5358
	.quad 0xffffffc080213e68, 5376
	.quad 0xffffffc080213e98, 5382
	.quad 0xffffffc080213ebe, 5393
	.quad 0xffffffc080213ef2, 5405
	.quad 0xffffffc080213fb8, 5419
	.quad 0xffffffc0802143d8, 5434
	.quad 0xffffffc08021448e, 5447
	.quad 0xffffffc08021459a, 5461
	.quad 0xffffffc0802145f8, 5473
	.quad 0xffffffc08021465c, 5485
	.quad 0xffffffc0802146d6, 5502
	.quad 0xffffffc080214732, 5515
	.quad 0xffffffc080214802, 5534
	.quad 0xffffffc08021488c, 5559
	.quad 0xffffffc08021504a, 5568
	.quad 0xffffffc0802150ca, 5587
	.quad 0xffffffc0802150fc, 5601
	.quad 0xffffffc080215256, 5616
	.quad 0xffffffc0802152c0, 5630
	.quad 0xffffffc0802152f4, 5643
	.quad 0xffffffc080215346, 5658
	.quad 0xffffffc08021556e, 5667
	.quad 0xffffffc0802155be, 5680
	.quad 0xffffffc080215652, 5696
	.quad 0xffffffc08021573e, 5713
	.quad 0xffffffc080215844, 5728
	.quad 0xffffffc0802158ba, 5742
	.quad 0xffffffc080215908, 5757
	.quad 0xffffffc080215950, 5771
	.quad 0xffffffc0802159f0, 5783
	.quad 0xffffffc080215ae2, 5795
	.quad 0xffffffc080215b22, 5811
	.quad 0xffffffc080215b9e, 5827
	.quad 0xffffffc080215c1a, 5845
	.quad 0xffffffc080215d9a, 5861
	.quad 0xffffffc080215e38, 5879
	.quad 0xffffffc080215ec2, 5895
	.quad 0xffffffc080215f80, 5909
	.quad 0xffffffc080216010, 5929
	.quad 0xffffffc080216102, 5944
	.quad 0xffffffc080216204, 5959
	.quad 0xffffffc080216230, 5972
	.quad 0xffffffc0802162be, 5984
	.quad 0xffffffc080216326, 5997
	.quad 0xffffffc0802163b0, 6010
	.quad 0xffffffc0802163e4, 6020
	.quad 0xffffffc080216534, 6029
	.quad 0xffffffc080216610, 6037
	.quad 0xffffffc080216644, 6044
	.quad 0xffffffc080216684, 6061
	.quad 0xffffffc08021669c, 6080
	.quad 0xffffffc0802166fc, 6094
	.quad 0xffffffc08021679c, 6109
	.quad 0xffffffc0802167c0, 6122
	.quad 0xffffffc0802167d8, 6138
	.quad 0xffffffc0802167fa, 6152
	.quad 0xffffffc080216814, 6172
	.quad 0xffffffc0802168a4, 6185
	.quad 0xffffffc080216978, 6202
	.quad 0xffffffc0802169da, 6212
	.quad 0xffffffc080216aba, 6228
	.quad 0xffffffc080216d3a, 6237
	.quad 0xffffffc080216d58, 6246
	.quad 0xffffffc080216d76, 6254
	.quad 0xffffffc080216db2, 6262
	.quad 0xffffffc080216dee, 6270
	.quad 0xffffffc080216e0a, 6293
	.quad 0xffffffc080216e6c, 6309
	.quad 0xffffffc080216eb0, 6321
	.quad 0xffffffc080216f14, 6340
	.quad 0xffffffc080216fe4, 6353
	.quad 0xffffffc080217004, 6360
	.quad 0xffffffc0802170a4, 6368
	.quad 0xffffffc080217158, 6375
	.quad 0xffffffc0802171b6, 6382
	.quad 0xffffffc0802171e2, 6389
	.quad 0xffffffc08021720a, 6396
	.quad 0xffffffc080217230, 6404
	.quad 0xffffffc080217284, 6411
	.quad 0xffffffc0802172bc, 6419
	.quad 0xffffffc0802172e4, 6426
	.quad 0xffffffc080217310, 6434
	.quad 0xffffffc08021736e, 6441
	.quad 0xffffffc08021738a, 6448
	.quad 0xffffffc0802173c6, 6456
	.quad 0xffffffc080217402, 6463
	.quad 0xffffffc08021745c, 6471
	.quad 0xffffffc080217498, 6479
	.quad 0xffffffc0802174dc, 6494
	.quad 0xffffffc080217600, 6504
	.quad 0xffffffc08021767c, 6513
	.quad 0xffffffc0802177f2, 6525
	.quad 0xffffffc0802178e8, 6535
	.quad 0xffffffc080217be0, 6546
	.quad 0xffffffc080218406, 6556
	.quad 0xffffffc080218436, 6565
	.quad 0xffffffc08021846a, 6576
	.quad 0xffffffc0802184b6, 6586
	.quad 0xffffffc0802185f8, 6598
	.quad 0xffffffc08021872a, 6624
	.quad 0xffffffc0802188d8, 6654
	.quad 0xffffffc080218a54, 6668
	.quad 0xffffffc080218bbe, 6709
	.quad 0xffffffc080218c94, 6736
	.quad 0xffffffc080218dec, 6746
	.quad 0xffffffc080218efa, 6781
	.quad 0xffffffc080218f28, 6792
	.quad 0xffffffc080218fe0, 6805
	.quad 0xffffffc0802190b2, 6815
	.quad 0xffffffc08021915a, 6828
	.quad 0xffffffc0802192c8, 6839
	.quad 0xffffffc080219e7a, 6855
	.quad 0xffffffc080219fa8, 6871
	.quad 0xffffffc080219fd6, 6893
	.quad 0xffffffc08021a12e, 6914
	.quad 0xffffffc08021a2b8, 6939
	.quad 0xffffffc08021a2d0, 6955
	.quad 0xffffffc08021a350, 6974
	.quad 0xffffffc08021a3b0, 6991
	.quad 0xffffffc08021a3e8, 7010
	.quad 0xffffffc08021a410, 7033
	.quad 0xffffffc08021a4bc, 7051
	.quad 0xffffffc08021a67c, 7065
	.quad 0xffffffc08021a690, 7089
	.quad 0xffffffc08021a7c0, 7103
	.quad 0xffffffc08021a88c, 7118
	.quad 0xffffffc08021a924, 7141
	.quad 0xffffffc08021a9d8, 7153
	.quad 0xffffffc08021aa1e, 7164
	.quad 0xffffffc08021aa30, 7180
	.quad 0xffffffc08021aa4a, 7202
	.quad 0xffffffc08021ab06, 7213
	.quad 0xffffffc08021ab26, 7227
	.quad 0xffffffc08021ac1e, 7240
	.quad 0xffffffc08021ac56, 7250
	.quad 0xffffffc08021ace8, 7263
	.quad 0xffffffc08021ad04, 7268
	.quad 0xffffffc08021ad40, 7281
	.quad 0xffffffc08021adb2, 7284
	.quad 0xffffffc08021adf6, 7295
	.quad 0xffffffc08021ae10, 7305
	.quad 0xffffffc08021ae2a, 7316
	.quad 0xffffffc08021ae44, 7334
	.quad 0xffffffc08021ae90, 7352
	.quad 0xffffffc08021aeda, 7371
	.quad 0xffffffc08021af32, 7379
	.quad 0xffffffc08021af70, 7388
	.quad 0xffffffc08021afac, 7414
	.quad 0xffffffc08021aff0, 7439
	.quad 0xffffffc08021b00e, 7451
	.quad 0xffffffc08021b028, 7472
	.quad 0xffffffc08021b040, 7482
	.quad 0xffffffc08021b08a, 7494
	.quad 0xffffffc08021b0a2, 7505
	.quad 0xffffffc08021b0fc, 7518
	.quad 0xffffffc08021b178, 7531
	.quad 0xffffffc08021b1f0, 7545
	.quad 0xffffffc08021b214, 7563
	.quad 0xffffffc08021b264, 7586
	.quad 0xffffffc08021b288, 7605
	.quad 0xffffffc08021b2e8, 7629
	.quad 0xffffffc08021b324, 7654
	.quad 0xffffffc08021b340, 7669
	.quad 0xffffffc08021b35a, 7682
	.quad 0xffffffc08021b372, 7692
	.quad 0xffffffc08021b38a, 7709
	.quad 0xffffffc08021b40c, 7722
	.quad 0xffffffc08021b458, 7734
	.quad 0xffffffc08021b47c, 7752
	.quad 0xffffffc08021b4ce, 7775
	.quad 0xffffffc08021b558, 7790
	.quad 0xffffffc08021b63c, 7806
	.quad 0xffffffc08021b6b6, 7818
	.quad 0xffffffc08021b736, 7832
	.quad 0xffffffc08021b780, 7851
	.quad 0xffffffc08021b7bc, 7870
	.quad 0xffffffc08021b7da, 7885
	.quad 0xffffffc08021b8f8, 7903
	.quad 0xffffffc08021b9aa, 7913
	.quad 0xffffffc08021bab2, 7931
	.quad 0xffffffc08021bba2, 7941
	.quad 0xffffffc08021bd06, 7960
	.quad 0xffffffc08021bdc8, 7970
	.quad 0xffffffc08021becc, 7990
	.quad 0xffffffc08021bf02, 8005
	.quad 0xffffffc08021c076, 8022
	.quad 0xffffffc08021c0aa, 8038
	.quad 0xffffffc08021c0ee, 8052
	.quad 0xffffffc08021c17a, 8063
	.quad 0xffffffc08021c1d2, 8076
	.quad 0xffffffc08021c72a, 8090
	.quad 0xffffffc08021c78c, 8106
	.quad 0xffffffc08021c7ba, 8123
	.quad 0xffffffc08021cb8e, 8141
	.quad 0xffffffc08021cc36, 8157
	.quad 0xffffffc08021cc4a, 8168
	.quad 0xffffffc08021cc5e, 8180
	.quad 0xffffffc08021cc78, 8190
	.quad 0xffffffc08021cdae, 8200
	.quad 0xffffffc08021ce6e, 8212
	.quad 0xffffffc08021ceb0, 8226
	.quad 0xffffffc08021cf66, 8236
	.quad 0xffffffc08021d0b0, 8250
	.quad 0xffffffc08021d136, 8265
	.quad 0xffffffc08021d1c0, 8285
	.quad 0xffffffc08021d23c, 8297
	.quad 0xffffffc08021d2d2, 8311
	.quad 0xffffffc08021d36c, 8325
	.quad 0xffffffc08021d63a, 8355
	.quad 0xffffffc08021d8e2, 8380
	.quad 0xffffffc08021dbd4, 8414
	.quad 0xffffffc08021dd6e, 8446
	.quad 0xffffffc08021dea6, 8462
	.quad 0xffffffc08021e254, 8489
	.quad 0xffffffc08021e4a0, 8515
	.quad 0xffffffc08021e6bc, 8540
	.quad 0xffffffc08021e820, 8569
	.quad 0xffffffc08021ea08, 8594
	.quad 0xffffffc08021ec5c, 8623
	.quad 0xffffffc08021efa2, 8653
	.quad 0xffffffc08021f28c, 8676
	.quad 0xffffffc08021f40a, 8701
	.quad 0xffffffc08021fa36, 8718
	.quad 0xffffffc08021fc94, 8736
	.quad 0xffffffc0802200aa, 8761
	.quad 0xffffffc0802202cc, 8790
	.quad 0xffffffc0802205aa, 8822
	.quad 0xffffffc08022086e, 8848
	.quad 0xffffffc080220bc0, 8871
	.quad 0xffffffc080220ebe, 8895
	.quad 0xffffffc080221244, 8921
	.quad 0xffffffc08022135a, 8942
	.quad 0xffffffc0802216cc, 8972
	.quad 0xffffffc0802218a6, 9006
	.quad 0xffffffc080221d72, 9033
	.quad 0xffffffc080221e4a, 9078
	.quad 0xffffffc080221f28, 9095
	.quad 0xffffffc080221ff8, 9110
	.quad 0xffffffc0802221c0, 9124
	.quad 0xffffffc08022224a, 9155
	.quad 0xffffffc080222494, 9186
	.quad 0xffffffc0802225a4, 9212
	.quad 0xffffffc0802226ee, 9240
	.quad 0xffffffc08022288c, 9272
	.quad 0xffffffc080222994, 9303
	.quad 0xffffffc080222ade, 9332
	.quad 0xffffffc080222b94, 9345
	.quad 0xffffffc080222c8e, 9370
	.quad 0xffffffc080222d06, 9384
	.quad 0xffffffc080222f1a, 9412
	.quad 0xffffffc080223084, 9450
	.quad 0xffffffc080223192, 9479
	.quad 0xffffffc08022323e, 9514
	.quad 0xffffffc080223358, 9542
	.quad 0xffffffc0802233e2, 9554
	.quad 0xffffffc080223518, 9568
	.quad 0xffffffc080223678, 9593
	.quad 0xffffffc0802236d4, 9606
	.quad 0xffffffc080223970, 9632
	.quad 0xffffffc080223a5c, 9663
	.quad 0xffffffc080223c6e, 9695
	.quad 0xffffffc080223d50, 9734
	.quad 0xffffffc080223e40, 9766
	.quad 0xffffffc080223e62, 9778
	.quad 0xffffffc080223e9a, 9790
	.quad 0xffffffc080223ebc, 9803
	.quad 0xffffffc080223f2a, 9811
	.quad 0xffffffc080223ffa, 9823
	.quad 0xffffffc080224102, 9831
	.quad 0xffffffc08022421a, 9844
	.quad 0xffffffc08022423a, 9862
	.quad 0xffffffc080224292, 9870
	.quad 0xffffffc0802242ca, 9882
	.quad 0xffffffc080224338, 9890
	.quad 0xffffffc080224382, 9904
	.quad 0xffffffc0802243ae, 9922
	.quad 0xffffffc080224414, 9934
	.quad 0xffffffc080224446, 9947
	.quad 0xffffffc0802244ce, 9967
	.quad 0xffffffc080224584, 9977
	.quad 0xffffffc080224596, 9984
	.quad 0xffffffc0802245ce, 9991
	.quad 0xffffffc0802245de, 10001
	.quad 0xffffffc08022468a, 10011
	.quad 0xffffffc0802246ea, 10027
	.quad 0xffffffc080224934, 10034
	.quad 0xffffffc080224aa0, 10046
	.quad 0xffffffc080224b76, 10064
	.quad 0xffffffc080224bc4, 10086
	.quad 0xffffffc080224bf6, 10094
	.quad 0xffffffc080224c56, 10103
	.quad 0xffffffc080224c84, 10114
	.quad 0xffffffc080224cb4, 10127
	.quad 0xffffffc080224d10, 10139
	.quad 0xffffffc080224e5a, 10151
	.quad 0xffffffc080224eea, 10162
	.quad 0xffffffc080224f64, 10174
	.quad 0xffffffc080225250, 10182
	.quad 0xffffffc0802252d0, 10192
	.quad 0xffffffc080225444, 10204
	.quad 0xffffffc08022556e, 10224
	.quad 0xffffffc0802255ba, 10236
	.quad 0xffffffc0802256da, 10243
	.quad 0xffffffc08022571e, 10265
	.quad 0xffffffc080225742, 10277
	.quad 0xffffffc080225766, 10288
	.quad 0xffffffc0802257aa, 10303
	.quad 0xffffffc0802257ee, 10319
	.quad 0xffffffc080225804, 10328
	.quad 0xffffffc080225826, 10337
	.quad 0xffffffc080225848, 10354
	.quad 0xffffffc080225868, 10368
	.quad 0xffffffc080225888, 10389
	.quad 0xffffffc0802258a8, 10409
	.quad 0xffffffc080225980, 10425
	.quad 0xffffffc080225b00, 10441
	.quad 0xffffffc080225b14, 10456
	.quad 0xffffffc080225c14, 10468
	.quad 0xffffffc080225cc8, 10481
	.quad 0xffffffc080225d32, 10491
	.quad 0xffffffc080225d4c, 10507
	.quad 0xffffffc080225dca, 10523
	.quad 0xffffffc080225f4e, 10540
	.quad 0xffffffc080225f9a, 10553
	.quad 0xffffffc080226012, 10572
	.quad 0xffffffc080226092, 10591
	.quad 0xffffffc0802263a8, 10607
	.quad 0xffffffc08022645c, 10630
	.quad 0xffffffc08022656c, 10648
	.quad 0xffffffc0802266d8, 10659
	.quad 0xffffffc08022675c, 10677
	.quad 0xffffffc0802267b0, 10698
	.quad 0xffffffc08022684e, 10717
	.quad 0xffffffc080226bcc, 10734
	.quad 0xffffffc080226d6a, 10750
	.quad 0xffffffc080226e10, 10768
	.quad 0xffffffc080226f62, 10787
	.quad 0xffffffc080226ff0, 10806
	.quad 0xffffffc0802270c6, 10814
	.quad 0xffffffc0802270e2, 10822
	.quad 0xffffffc080227148, 10828
	.quad 0xffffffc080227192, 10834
	.quad 0xffffffc0802272aa, 10843
	.quad 0xffffffc0802272be, 10863
	.quad 0xffffffc080227368, 10884
	.quad 0xffffffc080227424, 10898
	.quad 0xffffffc08022748a, 10915
	.quad 0xffffffc0802274d2, 10935
	.quad 0xffffffc0802275a8, 10953
	.quad 0xffffffc080227694, 10963
	.quad 0xffffffc0802277f0, 10978
	.quad 0xffffffc080227810, 10994
	.quad 0xffffffc080227830, 11009
	.quad 0xffffffc080227854, 11022
	.quad 0xffffffc0802278da, 11035
	.quad 0xffffffc080227946, 11049
	.quad 0xffffffc0802279bc, 11069
	.quad 0xffffffc080227acc, 11082
	.quad 0xffffffc080227b78, 11095
	.quad 0xffffffc080227bf4, 11108
	.quad 0xffffffc080227c1e, 11119
	.quad 0xffffffc080227c46, 11128
	.quad 0xffffffc080227c7e, 11143
	.quad 0xffffffc080227cc4, 11156
	.quad 0xffffffc080227d04, 11167
	.quad 0xffffffc080227d3c, 11179
	.quad 0xffffffc080227dda, 11197
	.quad 0xffffffc080227e54, 11219
	.quad 0xffffffc080227edc, 11244
	.quad 0xffffffc080227f4a, 11258
	.quad 0xffffffc080227f68, 11266
	.quad 0xffffffc080227faa, 11289
	.quad 0xffffffc08022806a, 11297
	.quad 0xffffffc080228126, 11312
	.quad 0xffffffc08022814c, 11325
	.quad 0xffffffc08022817a, 11339
	.quad 0xffffffc0802281d4, 11348
	.quad 0xffffffc0802281f0, 11357
	.quad 0xffffffc08022820c, 11366
	.quad 0xffffffc08022822c, 11376
	.quad 0xffffffc08022824c, 11385
	.quad 0xffffffc08022839e, 11396
	.quad 0xffffffc08022841c, 11407
	.quad 0xffffffc080228590, 11424
	.quad 0xffffffc0802285f2, 11434
	.quad 0xffffffc080228656, 11448
	.quad 0xffffffc08022874e, 11465
	.quad 0xffffffc080228848, 11481
	.quad 0xffffffc0802288c6, 11495
	.quad 0xffffffc080228a88, 11509
	.quad 0xffffffc080228d86, 11527
	.quad 0xffffffc080228ecc, 11549
	.quad 0xffffffc080229040, 11562
	.quad 0xffffffc080229162, 11575
	.quad 0xffffffc080229348, 11587
	.quad 0xffffffc080229362, 11603
	.quad 0xffffffc08022937c, 11611
	.quad 0xffffffc080229396, 11619
	.quad 0xffffffc08022942e, 11625
	.quad 0xffffffc080229492, 11641
	.quad 0xffffffc0802294ae, 11654
	.quad 0xffffffc0802294c6, 11666
	.quad 0xffffffc08022951c, 11680
	.quad 0xffffffc080229682, 11693
	.quad 0xffffffc0802296e4, 11710
	.quad 0xffffffc080229ae6, 11720
	.quad 0xffffffc080229d18, 11729
	.quad 0xffffffc080229d34, 11742
	.quad 0xffffffc080229d4c, 11753
	.quad 0xffffffc080229d84, 11762
	.quad 0xffffffc080229df2, 11779
	.quad 0xffffffc080229f70, 11793
	.quad 0xffffffc08022a2ee, 11811
	.quad 0xffffffc08022a308, 11830
	.quad 0xffffffc08022a324, 11848
	.quad 0xffffffc08022a39c, 11879
	.quad 0xffffffc08022a444, 11890
	.quad 0xffffffc08022a564, 11915
	.quad 0xffffffc08022abcc, 11924
	.quad 0xffffffc08022ac06, 11934
	.quad 0xffffffc08022acbc, 11945
	.quad 0xffffffc08022acde, 11960
	.quad 0xffffffc08022ae1e, 11975
	.quad 0xffffffc08022ae42, 11991
	.quad 0xffffffc08022ae62, 12010
	.quad 0xffffffc08022ae88, 12025
	.quad 0xffffffc08022ae9c, 12047
	.quad 0xffffffc08022aec4, 12063
	.quad 0xffffffc08022aeea, 12079
	.quad 0xffffffc08022aff4, 12097
	.quad 0xffffffc08022b04a, 12110
	.quad 0xffffffc08022b2fa, 12118
	.quad 0xffffffc08022b388, 12131
	.quad 0xffffffc08022b46a, 12155
	.quad 0xffffffc08022b492, 12169
	.quad 0xffffffc08022b4d0, 12186
	.quad 0xffffffc08022b504, 12195
	.quad 0xffffffc08022b538, 12210
	.quad 0xffffffc08022b58c, 12227
	.quad 0xffffffc08022b606, 12239
	.quad 0xffffffc08022b9ca, 12248
	.quad 0xffffffc08022ba1a, 12258
	.quad 0xffffffc08022bb26, 12269
	.quad 0xffffffc08022bbb6, 12283
	.quad 0xffffffc08022bbda, 12298
	.quad 0xffffffc08022bc14, 12309
	.quad 0xffffffc08022bc78, 12323
	.quad 0xffffffc08022be98, 12334
	.quad 0xffffffc08022bf3e, 12345
	.quad 0xffffffc08022c180, 12359
	.quad 0xffffffc08022c3c8, 12373
	.quad 0xffffffc08022c540, 12383
	.quad 0xffffffc08022c56c, 12403
	.quad 0xffffffc08022c65a, 12423
	.quad 0xffffffc08022c6a4, 12434
	.quad 0xffffffc08022c6da, 12450
	.quad 0xffffffc08022c708, 12468
	.quad 0xffffffc08022c750, 12480
	.quad 0xffffffc08022c77a, 12494
	.quad 0xffffffc08022c82c, 12512
	.quad 0xffffffc08022c97e, 12533
	.quad 0xffffffc08022ca04, 12549
	.quad 0xffffffc08022ca48, 12564
	.quad 0xffffffc08022cac2, 12577
	.quad 0xffffffc08022cb74, 12599
	.quad 0xffffffc08022cb80, 12609
	.quad 0xffffffc08022cb90, 12617
	.quad 0xffffffc08022cba4, 12627
	.quad 0xffffffc08022cbb8, 12639
	.quad 0xffffffc08022cbca, 12650
	.quad 0xffffffc08022cbdc, 12658
	.quad 0xffffffc08022cc22, 12667
	.quad 0xffffffc08022cc32, 12675
	.quad 0xffffffc08022cc74, 12684
	.quad 0xffffffc08022ccb8, 12690
	.quad 0xffffffc08022ccca, 12701
	.quad 0xffffffc08022cd52, 12710
	.quad 0xffffffc08022cd90, 12719
	.quad 0xffffffc08022ce00, 12728
	.quad 0xffffffc08022cec2, 12740
	.quad 0xffffffc08022d08a, 12752
	.quad 0xffffffc08022d3ae, 12765
	.quad 0xffffffc08022d410, 12784
	.quad 0xffffffc08022d4ea, 12810
	.quad 0xffffffc08022d600, 12829
	.quad 0xffffffc08022d72c, 12842
	.quad 0xffffffc08022d82c, 12863
	.quad 0xffffffc08022d964, 12899
	.quad 0xffffffc08022db7a, 12929
	.quad 0xffffffc08022dc48, 12972
	.quad 0xffffffc08022dcb8, 13012
	.quad 0xffffffc08022dd28, 13037
	.quad 0xffffffc08022de1a, 13077
	.quad 0xffffffc08022def8, 13108
	.quad 0xffffffc08022e010, 13159
	.quad 0xffffffc08022e1ae, 13196
	.quad 0xffffffc08022e23a, 13209
	.quad 0xffffffc08022e2f6, 13230
	.quad 0xffffffc08022e3ac, 13256
	.quad 0xffffffc08022e432, 13269
	.quad 0xffffffc08022e5d6, 13278
	.quad 0xffffffc08022e8c4, 13291
	.quad 0xffffffc08022e9a2, 13301
	.quad 0xffffffc08022ee5e, 13343
	.quad 0xffffffc08022f14e, 13388
	.quad 0xffffffc08022f63e, 13398
	.quad 0xffffffc08022fac0, 13420
	.quad 0xffffffc08022fdf8, 13459
	.quad 0xffffffc08023080e, 13507
	.quad 0xffffffc080230b70, 13550
	.quad 0xffffffc080230ce8, 13563
	.quad 0xffffffc080230d4a, 13582
	.quad 0xffffffc080230e50, 13594
	.quad 0xffffffc080230e7c, 13635
	.quad 0xffffffc080230ea8, 13669
	.quad 0xffffffc080230ed4, 13704
	.quad 0xffffffc080230f00, 13740
	.quad 0xffffffc080230f2c, 13781
	.quad 0xffffffc080230fb2, 13826
	.quad 0xffffffc080231034, 13855
	.quad 0xffffffc080231060, 13892
	.quad 0xffffffc08023108c, 13925
	.quad 0xffffffc0802311f8, 13934
	.quad 0xffffffc0802312e0, 13944
	.quad 0xffffffc08023134c, 13953
	.quad 0xffffffc08023139a, 13967
	.quad 0xffffffc0802313e8, 13981
	.quad 0xffffffc080231446, 13998
	.quad 0xffffffc0802314b4, 14011
	.quad 0xffffffc080231500, 14024
	.quad 0xffffffc0802315a8, 14041
	.quad 0xffffffc0802315bc, 14051
	.quad 0xffffffc0802315d0, 14067
	.quad 0xffffffc080231600, 14088
	.quad 0xffffffc080231630, 14103
	.quad 0xffffffc080231650, 14116
	.quad 0xffffffc0802316a4, 14126
	.quad 0xffffffc0802316b8, 14139
	.quad 0xffffffc08023185a, 14153
	.quad 0xffffffc0802318aa, 14165
	.quad 0xffffffc0802318d0, 14180
	.quad 0xffffffc08023199a, 14197
	.quad 0xffffffc0802319de, 14216
	.quad 0xffffffc080231ae8, 14232
	.quad 0xffffffc080231b6e, 14249
	.quad 0xffffffc080231baa, 14268
	.quad 0xffffffc080231c18, 14278
	.quad 0xffffffc080231d6a, 14290
	.quad 0xffffffc080231dea, 14301
	.quad 0xffffffc080231eb2, 14312
	.quad 0xffffffc080231f20, 14324
	.quad 0xffffffc080232000, 14338
	.quad 0xffffffc08023202e, 14349
	.quad 0xffffffc080232042, 14360
	.quad 0xffffffc080232092, 14372
	.quad 0xffffffc0802320b0, 14392
	.quad 0xffffffc0802321fe, 14404
	.quad 0xffffffc080232280, 14416
	.quad 0xffffffc080232302, 14427
	.quad 0xffffffc0802323ca, 14438
	.quad 0xffffffc0802323ea, 14449
	.quad 0xffffffc08023240a, 14461
	.quad 0xffffffc08023242a, 14472
	.quad 0xffffffc08023244a, 14484
	.quad 0xffffffc08023246a, 14498
	.quad 0xffffffc08023248a, 14512
	.quad 0xffffffc0802324a4, 14526
	.quad 0xffffffc0802324be, 14540
	.quad 0xffffffc0802324da, 14551
	.quad 0xffffffc0802324f6, 14562
	.quad 0xffffffc080232514, 14575
	.quad 0xffffffc080232532, 14588
	.quad 0xffffffc0802325ac, 14601
	.quad 0xffffffc08023262a, 14614
	.quad 0xffffffc08023268e, 14628
	.quad 0xffffffc08023273c, 14642
	.quad 0xffffffc080232996, 14656
	.quad 0xffffffc080232a20, 14670
	.quad 0xffffffc080232ad8, 14684
	.quad 0xffffffc080232b06, 14695
	.quad 0xffffffc080232c06, 14709
	.quad 0xffffffc080232cc8, 14719
	.quad 0xffffffc080232db0, 14730
	.quad 0xffffffc080232e22, 14750
	.quad 0xffffffc080233140, 14767
	.quad 0xffffffc08023315a, 14783
	.quad 0xffffffc0802333f2, 14791
	.quad 0xffffffc080233466, 14803
	.quad 0xffffffc0802335ae, 14813
	.quad 0xffffffc08023375a, 14824
	.quad 0xffffffc0802337e0, 14837
	.quad 0xffffffc080233880, 14846
	.quad 0xffffffc0802339ea, 14861
	.quad 0xffffffc080233a92, 14880
	.quad 0xffffffc080233b1e, 14899
	.quad 0xffffffc080233b64, 14910
	.quad 0xffffffc080233b9a, 14923
	.quad 0xffffffc080233bd2, 14936
	.quad 0xffffffc080233c0a, 14949
	.quad 0xffffffc080233c3c, 14956
	.quad 0xffffffc080233c72, 14971
	.quad 0xffffffc080233ce8, 14991
	.quad 0xffffffc080233d76, 15002
	.quad 0xffffffc080233e2c, 15019
	.quad 0xffffffc080233e76, 15034
	.quad 0xffffffc080233ea8, 15051
	.quad 0xffffffc080233f08, 15061
	.quad 0xffffffc080233f54, 15074
	.quad 0xffffffc080233fc6, 15093
	.quad 0xffffffc08023401c, 15107
	.quad 0xffffffc080234062, 15123
	.quad 0xffffffc080234084, 15136
	.quad 0xffffffc0802340fc, 15151
	.quad 0xffffffc0802341f8, 15167
	.quad 0xffffffc08023440c, 15178
	.quad 0xffffffc08023446e, 15187
	.quad 0xffffffc0802344c6, 15199
	.quad 0xffffffc080234528, 15216
	.quad 0xffffffc080234558, 15229
	.quad 0xffffffc080234658, 15246
	.quad 0xffffffc0802348aa, 15261
	.quad 0xffffffc0802348ec, 15282
	.quad 0xffffffc080234936, 15301
	.quad 0xffffffc0802349c6, 15319
	.quad 0xffffffc080234aa6, 15334
	.quad 0xffffffc080234bca, 15348
	.quad 0xffffffc080234d82, 15365
	.quad 0xffffffc080235056, 15382
	.quad 0xffffffc08023513c, 15393
	.quad 0xffffffc080235208, 15414
	.quad 0xffffffc080235264, 15430
	.quad 0xffffffc0802352ec, 15445
	.quad 0xffffffc0802353d4, 15456
	.quad 0xffffffc080235488, 15472
	.quad 0xffffffc080235516, 15491
	.quad 0xffffffc080235566, 15515
	.quad 0xffffffc08023558c, 15528
	.quad 0xffffffc0802355e2, 15555
	.quad 0xffffffc08023567c, 15566
	.quad 0xffffffc0802356ae, 15585
	.quad 0xffffffc0802356e2, 15608
	.quad 0xffffffc080235722, 15626
	.quad 0xffffffc08023575a, 15639
	.quad 0xffffffc0802357b4, 15654
	.quad 0xffffffc080235838, 15670
	.quad 0xffffffc080235866, 15682
	.quad 0xffffffc0802358c0, 15698
	.quad 0xffffffc0802358d2, 15708
	.quad 0xffffffc0802358f6, 15724
	.quad 0xffffffc08023592e, 15740
	.quad 0xffffffc0802359b0, 15757
	.quad 0xffffffc0802359c4, 15773
	.quad 0xffffffc0802359d8, 15788
	.quad 0xffffffc080235b70, 15800
	.quad 0xffffffc080235bfe, 15812
	.quad 0xffffffc080235d4e, 15826
	.quad 0xffffffc080235dd0, 15839
	.quad 0xffffffc080235e7a, 15862
	.quad 0xffffffc080235f32, 15887
	.quad 0xffffffc080235f68, 15897
	.quad 0xffffffc080235ff8, 15910
	.quad 0xffffffc080236078, 15926
	.quad 0xffffffc080236190, 15939
	.quad 0xffffffc08023620e, 15950
	.quad 0xffffffc08023622e, 15967
	.quad 0xffffffc08023624a, 15978
	.quad 0xffffffc08023626a, 15997
	.quad 0xffffffc08023628a, 16007
	.quad 0xffffffc0802362d8, 16024
	.quad 0xffffffc0802362f8, 16038
	.quad 0xffffffc08023631a, 16053
	.quad 0xffffffc08023633c, 16066
	.quad 0xffffffc080236372, 16079
	.quad 0xffffffc0802363ba, 16093
	.quad 0xffffffc0802363c8, 16108
	.quad 0xffffffc0802363d4, 16122
	.quad 0xffffffc0802363e2, 16139
	.quad 0xffffffc0802363f6, 16149
	.quad 0xffffffc080236404, 16168
	.quad 0xffffffc080236410, 16179
	.quad 0xffffffc08023641c, 16193
	.quad 0xffffffc08023642a, 16204
	.quad 0xffffffc080236446, 16217
	.quad 0xffffffc080236462, 16230
	.quad 0xffffffc08023646e, 16247
	.quad 0xffffffc08023655a, 16262
	.quad 0xffffffc080236594, 16276
	.quad 0xffffffc0802365d4, 16284
	.quad 0xffffffc08023661e, 16293
	.quad 0xffffffc080236644, 16300
	.quad 0xffffffc0802366c4, 16310
	.quad 0xffffffc08023681a, 16349
	.quad 0xffffffc0802369fc, 16391
	.quad 0xffffffc080236b0a, 16402
	.quad 0xffffffc080236b9a, 16438
	.quad 0xffffffc080236c04, 16450
	.quad 0xffffffc080236c78, 16459
	.quad 0xffffffc080236d50, 16493
	.quad 0xffffffc080236e3a, 16538
	.quad 0xffffffc080236e4e, 16547
	.quad 0xffffffc080236e66, 16557
	.quad 0xffffffc080236e7a, 16564
	.quad 0xffffffc080236eae, 16573
	.quad 0xffffffc080236ebc, 16582
	.quad 0xffffffc080236f3c, 16588
	.quad 0xffffffc0802370dc, 16633
	.quad 0xffffffc0802371c2, 16665
	.quad 0xffffffc08023721a, 16678
	.quad 0xffffffc08023727e, 16692
	.quad 0xffffffc0802372d8, 16703
	.quad 0xffffffc080237358, 16711
	.quad 0xffffffc0802373a8, 16719
	.quad 0xffffffc08023749e, 16751
	.quad 0xffffffc0802374f4, 16762
	.quad 0xffffffc080237642, 16775
	.quad 0xffffffc08023767a, 16788
	.quad 0xffffffc08023770e, 16803
	.quad 0xffffffc080237968, 16825
	.quad 0xffffffc080237b02, 16854
	.quad 0xffffffc080237b86, 16870
	.quad 0xffffffc080237be0, 16879
	.quad 0xffffffc080237df2, 16914
	.quad 0xffffffc080237eee, 16940
	.quad 0xffffffc080237f38, 16975
	.quad 0xffffffc08023805c, 16988
	.quad 0xffffffc08023829e, 17018
	.quad 0xffffffc080238334, 17060
	.quad 0xffffffc0802383b0, 17068
	.quad 0xffffffc08023859a, 17097
	.quad 0xffffffc08023878c, 17137
	.quad 0xffffffc08023897e, 17169
	.quad 0xffffffc080238a60, 17213
	.quad 0xffffffc080238bd2, 17241
	.quad 0xffffffc080238e46, 17270
	.quad 0xffffffc08023906a, 17304
	.quad 0xffffffc0802391ea, 17330
	.quad 0xffffffc080239214, 17341
	.quad 0xffffffc080239252, 17347
	.quad 0xffffffc080239688, 17362
	.quad 0xffffffc080239b08, 17385
	.quad 0xffffffc08023a526, 17398
	.quad 0xffffffc08023a6b2, 17430
	.quad 0xffffffc08023abbe, 17459
	.quad 0xffffffc08023adc0, 17495
	.quad 0xffffffc08023ae12, 17513
	.quad 0xffffffc08023b036, 17537
	.quad 0xffffffc08023b12c, 17566
	.quad 0xffffffc08023b3ba, 17596
	.quad 0xffffffc08023b54a, 17623
	.quad 0xffffffc08023b5b0, 17634
	.quad 0xffffffc08023b780, 17668
	.quad 0xffffffc08023b7a2, 17691
	.quad 0xffffffc08023bba4, 17709
	.quad 0xffffffc08023bdfa, 17725
	.quad 0xffffffc08023c34e, 17742
	.quad 0xffffffc08023c656, 17756
	.quad 0xffffffc08023c6dc, 17767
	.quad 0xffffffc08023c81e, 17820
	.quad 0xffffffc08023c9c0, 17856
	.quad 0xffffffc08023ca86, 17867
	.quad 0xffffffc08023cb22, 17884
	.quad 0xffffffc08023cb44, 17908
	.quad 0xffffffc08023d1a2, 17917
	.quad 0xffffffc08023d26a, 17944
	.quad 0xffffffc08023d2c8, 17959
	.quad 0xffffffc08023d564, 17969
	.quad 0xffffffc08023d5ea, 17985
	.quad 0xffffffc08023d62e, 18004
	.quad 0xffffffc08023d642, 18013
	.quad 0xffffffc08023d656, 18028
	.quad 0xffffffc08023d6e0, 18054
	.quad 0xffffffc08023d834, 18065
	.quad 0xffffffc08023d8ac, 18074
	.quad 0xffffffc08023d8d6, 18084
	.quad 0xffffffc08023d968, 18099
	.quad 0xffffffc08023d996, 18111
	.quad 0xffffffc08023da02, 18127
	.quad 0xffffffc08023da12, 18140
	.quad 0xffffffc08023da3c, 18153
	.quad 0xffffffc08023da50, 18173
	.quad 0xffffffc08023da86, 18186
	.quad 0xffffffc08023dae0, 18199
	.quad 0xffffffc08023dbbc, 18214
	.quad 0xffffffc08023dbdc, 18226
	.quad 0xffffffc08023dc2a, 18239
	.quad 0xffffffc08023dc48, 18251
	.quad 0xffffffc08023dc80, 18266
	.quad 0xffffffc08023dc9a, 18283
	.quad 0xffffffc08023dca6, 18295
	.quad 0xffffffc08023dcb2, 18310
	.quad 0xffffffc08023dd4e, 18319
	.quad 0xffffffc08023dd74, 18328
	.quad 0xffffffc08023dde6, 18336
	.quad 0xffffffc08023de20, 18349
	.quad 0xffffffc08023de68, 18360
	.quad 0xffffffc08023de92, 18371
	.quad 0xffffffc08023deb4, 18382
	.quad 0xffffffc08023dee0, 18395
	.quad 0xffffffc08023df0a, 18409
	.quad 0xffffffc08023df64, 18426
	.quad 0xffffffc08023dfc6, 18443
	.quad 0xffffffc08023dff0, 18465
	.quad 0xffffffc08023e054, 18482
	.quad 0xffffffc08023e0ce, 18497
	.quad 0xffffffc08023e0f4, 18512
	.quad 0xffffffc08023e17e, 18530
	.quad 0xffffffc08023e21c, 18538
	.quad 0xffffffc08023e2ae, 18548
	.quad 0xffffffc08023e2d2, 18564
	.quad 0xffffffc08023e2f6, 18582
	.quad 0xffffffc08023e3d4, 18594
	.quad 0xffffffc08023e470, 18604
	.quad 0xffffffc08023e4d8, 18615
	.quad 0xffffffc08023e57a, 18632
	.quad 0xffffffc08023e5cc, 18650
	.quad 0xffffffc08023e620, 18667
	.quad 0xffffffc08023e682, 18685
	.quad 0xffffffc08023e704, 18702
	.quad 0xffffffc08023e7e4, 18719
	.quad 0xffffffc08023e804, 18733
	.quad 0xffffffc08023e840, 18753
	.quad 0xffffffc08023e860, 18764
	.quad 0xffffffc08023e952, 18790
	.quad 0xffffffc08023eb02, 18806
	.quad 0xffffffc08023ebbe, 18817
	.quad 0xffffffc08023ebe4, 18840
	.quad 0xffffffc08023ec02, 18859
	.quad 0xffffffc08023ec54, 18882
	.quad 0xffffffc08023ecd6, 18901
	.quad 0xffffffc08023ed14, 18928
	.quad 0xffffffc08023ed4a, 18955
	.quad 0xffffffc08023ede4, 18981
	.quad 0xffffffc08023eef2, 19003
	.quad 0xffffffc08023efc8, 19025
	.quad 0xffffffc08023f064, 19041
	.quad 0xffffffc08023f0de, 19057
	.quad 0xffffffc08023f190, 19068
	.quad 0xffffffc08023f2a8, 19080
	.quad 0xffffffc08023f2e8, 19105
	.quad 0xffffffc08023f336, 19123
	.quad 0xffffffc08023f34a, 19144
	.quad 0xffffffc08023f38c, 19158
	.quad 0xffffffc08023f3e6, 19180
	.quad 0xffffffc08023f42c, 19199
	.quad 0xffffffc08023f448, 19218
	.quad 0xffffffc08023f4be, 19237
	.quad 0xffffffc08023f592, 19252
	.quad 0xffffffc08023f692, 19265
	.quad 0xffffffc08023f6e8, 19281
	.quad 0xffffffc08023f72e, 19296
	.quad 0xffffffc08023f74e, 19311
	.quad 0xffffffc08023f78c, 19333
	.quad 0xffffffc08023f870, 19352
	.quad 0xffffffc08023f890, 19362
	.quad 0xffffffc08023f8ac, 19377
	.quad 0xffffffc08023f954, 19393
	.quad 0xffffffc08023f9b6, 19405
	.quad 0xffffffc08023f9ce, 19416
	.quad 0xffffffc08023f9e2, 19430
	.quad 0xffffffc08023fb28, 19440
	.quad 0xffffffc08023fb44, 19450
	.quad 0xffffffc08023fb86, 19465
	.quad 0xffffffc08023fbe2, 19483
	.quad 0xffffffc08023fc8e, 19501
	.quad 0xffffffc08023fcf8, 19516
	.quad 0xffffffc08023fd7a, 19533
	.quad 0xffffffc08023fe26, 19540
	.quad 0xffffffc08023febe, 19552
	.quad 0xffffffc08023ffd4, 19568
	.quad 0xffffffc080240008, 19589
	.quad 0xffffffc080240026, 19605
	.quad 0xffffffc08024008c, 19621
	.quad 0xffffffc0802400f4, 19647
	.quad 0xffffffc08024013c, 19659
	.quad 0xffffffc080240184, 19670
	.quad 0xffffffc0802401b8, 19686
	.quad 0xffffffc0802401c8, 19704
	.quad 0xffffffc08024021a, 19713
	.quad 0xffffffc080240264, 19726
	.quad 0xffffffc080240280, 19746
	.quad 0xffffffc080240298, 19774
	.quad 0xffffffc0802402e4, 19798
	.quad 0xffffffc080241000, 19814
	.asciz "_start"
	.asciz "_start_kernel"
	.asciz "_text"
	.asciz "late_secondary"
	.asciz "secondary_entry"
	.asciz "flush_icache_all"
	.asciz "sys_riscv_flush_icache"
	.asciz "__fpu_save"
	.asciz "__fpu_restore"
	.asciz "fpu_save"
	.asciz "fpu_restore"
	.asciz "fpu_switch"
	.asciz "fpu_forget"
	.asciz "fpu_init_user"
	.asciz "fpu_copy_to_child"
	.asciz "riscv_isa_hwcap"
	.asciz "elf_hwcap"
	.asciz "pt_walk_alloc"
	.asciz "mmu_page_alloc_ready"
	.asciz "kernel_pte_lookup"
	.asciz "mmu_init"
	.asciz "mmu_init_cpu"
	.asciz "ioremap"
	.asciz "kernel_map_page"
	.asciz "kernel_unmap_page"
	.asciz "flush_tlb_kernel_range"
	.asciz "power_init"
	.asciz "machine_power_off"
	.asciz "machine_reboot"
	.asciz "sbi_ecall"
	.asciz "sbi_to_errno"
	.asciz "sbi_console_putchar"
	.asciz "sbi_probe_extension"
	.asciz "sbi_spec_version"
	.asciz "sbi_impl_id"
	.asciz "sbi_impl_version"
	.asciz "sbi_set_timer"
	.asciz "sbi_send_ipi"
	.asciz "sbi_hart_start"
	.asciz "sbi_hart_status"
	.asciz "sbi_remote_sfence_vma"
	.asciz "sbi_remote_fence_i"
	.asciz "sbi_system_reset"
	.asciz "num_online_cpus"
	.asciz "smp_cpu_of_hartid"
	.asciz "cpu_halt"
	.asciz "secondary_start"
	.asciz "smp_boot_secondaries"
	.asciz "smp_send_ipi"
	.asciz "smp_send_stop"
	.asciz "smp_call_on_cpu"
	.asciz "ipi_handle"
	.asciz "smp_ping"
	.asciz "__switch_to"
	.asciz "switch_trampoline"
	.asciz "trap_entry"
	.asciz "trap_return"
	.asciz "print_frame"
	.asciz "walk_frames"
	.asciz "dump_backtrace"
	.asciz "trap_init_cpu"
	.asciz "trap_cause_name"
	.asciz "trap_handler"
	.asciz "dump_regs"
	.asciz "user_enter_fs"
	.asciz "user_enter_frame"
	.asciz "user_enter"
	.asciz "user_start"
	.asciz "user_task_exit"
	.asciz "user_kill"
	.asciz "user_trap"
	.asciz "flush_mm"
	.asciz "gather_release"
	.asciz "uvm_pt_pages"
	.asciz "uvm_shootdowns"
	.asciz "uvm_pgd_alloc"
	.asciz "uvm_pgd_free"
	.asciz "uvm_pte_lookup"
	.asciz "uvm_pte_alloc"
	.asciz "uvm_walk_range"
	.asciz "flush_tlb_mm_range"
	.asciz "flush_tlb_mm"
	.asciz "uvm_activate"
	.asciz "uvm_gather_init"
	.asciz "uvm_gather_init_unloaded"
	.asciz "uvm_gather_range"
	.asciz "uvm_gather_page"
	.asciz "uvm_free_tables"
	.asciz "uvm_gather_finish"
	.asciz "vdso_fault"
	.asciz "vdso_image"
	.asciz "vdso_mapping_size"
	.asciz "vdso_func_offset"
	.asciz "vdso_sigreturn"
	.asciz "vdso_init"
	.asciz "vdso_page"
	.asciz "vdso_map"
	.asciz "vdso_data_init"
	.asciz "vdso_data_update_wall"
	.asciz "pool_mix"
	.asciz "crng_reseed"
	.asciz "random_mix_jitter"
	.asciz "crng_erase_key"
	.asciz "get_random_bytes"
	.asciz "get_random_u64"
	.asciz "get_random_u32"
	.asciz "add_device_randomness"
	.asciz "random_ready"
	.asciz "random_init"
	.asciz "sys_getrandom"
	.asciz "plic_init"
	.asciz "plic_init_cpu"
	.asciz "irq_request"
	.asciz "irq_handle_external"
	.asciz "irq_count"
	.asciz "goldfish_read_ns"
	.asciz "goldfish_rtc_init"
	.asciz "uart_getc"
	.asciz "tx_kick"
	.asciz "uart_flush"
	.asciz "uart_write"
	.asciz "uart_interrupt"
	.asciz "uart_write_panic"
	.asciz "uart16550_init"
	.asciz "console_write_iter"
	.asciz "console_ioctl"
	.asciz "console_read"
	.asciz "console_file_open"
	.asciz "cpio_reader_init"
	.asciz "cpio_next"
	.asciz "bit_find"
	.asciz "fdtable_find_free"
	.asciz "fdtable_next_open"
	.asciz "fdtable_grow_size"
	.asciz "fdtable_copy"
	.asciz "fdtable_set"
	.asciz "fdtable_clear"
	.asciz "fdtable_is_cloexec"
	.asciz "fdtable_set_cloexec"
	.asciz "fdtable_validate"
	.asciz "files_expand"
	.asciz "fput.part.0"
	.asciz "files_close_matching"
	.asciz "nr_open_files"
	.asciz "file_cache_init"
	.asciz "file_alloc_open"
	.asciz "file_get"
	.asciz "fput"
	.asciz "files_create"
	.asciz "files_get"
	.asciz "files_put"
	.asciz "files_close_on_exec"
	.asciz "files_dup"
	.asciz "files_install_console"
	.asciz "fd_limit"
	.asciz "fget"
	.asciz "fd_install_from"
	.asciz "fd_replace"
	.asciz "fd_close"
	.asciz "fd_get_cloexec"
	.asciz "fd_set_cloexec"
	.asciz "fs_alloc"
	.asciz "fs_struct_cache_init"
	.asciz "fs_create_root"
	.asciz "fs_dup"
	.asciz "fs_get"
	.asciz "fs_put"
	.asciz "lookup_root_current"
	.asciz "lookup_root_put"
	.asciz "current_umask"
	.asciz "fs_set_cwd"
	.asciz "fs_set_umask"
	.asciz "remember"
	.asciz "write_data"
	.asciz "initramfs_unpack"
	.asciz "chrdev_open"
	.asciz "current_fsuid"
	.asciz "current_fsgid"
	.asciz "current_time"
	.asciz "inode_touch_mc"
	.asciz "inode_init"
	.asciz "iget"
	.asciz "iput"
	.asciz "inode_permission"
	.asciz "vfs_getattr_inode"
	.asciz "inode_apply_attr"
	.asciz "vfs_setattr"
	.asciz "vfs_truncate"
	.asciz "init_special_inode"
	.asciz "iter_copy"
	.asciz "iov_iter_kernel"
	.asciz "iov_iter_user"
	.asciz "copy_to_iter"
	.asciz "copy_from_iter"
	.asciz "iov_iter_zero"
	.asciz "collect_emit"
	.asciz "expect_lookup"
	.asciz "check_pattern"
	.asciz "lookup_cases"
	.asciz "ktest_fn_fs_console_read"
	.asciz "check_sample.constprop.0"
	.asciz "ktest_fn_fs_initramfs_boot"
	.asciz "write_pattern.constprop.0"
	.asciz "ktest_fs_pattern"
	.asciz "ktest_fs_begin"
	.asciz "ktest_fs_rm_rf"
	.asciz "ktest_fs_end"
	.asciz "ktest_fn_fs_ramfs_file_data"
	.asciz "ktest_fn_fs_lookup_paths"
	.asciz "ktest_fn_fs_fd_table"
	.asciz "ktest_cpio_add"
	.asciz "ktest_fn_fs_initramfs_unpack"
	.asciz "ubuf_is"
	.asciz "upath"
	.asciz "call"
	.asciz "ktest_fn_fs_syscalls"
	.asciz "path_calls"
	.asciz "run_sys_checks"
	.asciz "sys_task_fn"
	.asciz "make_dir"
	.asciz "make_node"
	.asciz "make_symlink"
	.asciz "nd_init"
	.asciz "make_link"
	.asciz "may_delete"
	.asciz "nd_step.part.0"
	.asciz "walk_parent"
	.asciz "walk_to_parent"
	.asciz "find_ino_emit"
	.asciz "find_trap"
	.asciz "create_at"
	.asciz "remove_at"
	.asciz "vfs_lookup"
	.asciz "vfs_mkdir"
	.asciz "vfs_mknod"
	.asciz "vfs_symlink"
	.asciz "vfs_link"
	.asciz "vfs_unlink"
	.asciz "vfs_rmdir"
	.asciz "vfs_readlink"
	.asciz "vfs_rename"
	.asciz "vfs_open"
	.asciz "vfs_path_of"
	.asciz "ramfs_destroy_inode"
	.asciz "ramfs_free_pages_from"
	.asciz "ramfs_new_inode"
	.asciz "ramfs_setattr"
	.asciz "ramfs_get_link"
	.asciz "ramfs_write"
	.asciz "ramfs_read"
	.asciz "ramfs_iterate"
	.asciz "ramfs_evict_inode"
	.asciz "ramfs_lookup"
	.asciz "ramfs_del_entry"
	.asciz "ramfs_rename"
	.asciz "ramfs_rmdir"
	.asciz "ramfs_unlink"
	.asciz "ramfs_link"
	.asciz "ramfs_mknod_inode"
	.asciz "ramfs_create_file"
	.asciz "ramfs_mkdir"
	.asciz "ramfs_mknod"
	.asciz "ramfs_symlink"
	.asciz "ramfs_data_pages"
	.asciz "ramfs_inode_count"
	.asciz "ramfs_create"
	.asciz "vfs_read"
	.asciz "vfs_write"
	.asciz "kernel_read"
	.asciz "kernel_write"
	.asciz "generic_file_llseek"
	.asciz "vfs_llseek"
	.asciz "vfs_getattr"
	.asciz "kdevfs_destroy_inode"
	.asciz "fs_root_inode"
	.asciz "console_inode_get"
	.asciz "fs_init"
	.asciz "getname"
	.asciz "lookup_root_at"
	.asciz "stat_at"
	.asciz "file_open"
	.asciz "sys_openat"
	.asciz "copy_stat_to_user"
	.asciz "sys_newfstatat"
	.asciz "sys_statx"
	.asciz "sys_faccessat"
	.asciz "sys_faccessat2"
	.asciz "sys_readlinkat"
	.asciz "sys_mkdirat"
	.asciz "sys_mknodat"
	.asciz "sys_symlinkat"
	.asciz "sys_linkat"
	.asciz "sys_unlinkat"
	.asciz "sys_renameat2"
	.asciz "sys_truncate"
	.asciz "sys_ftruncate"
	.asciz "sys_chdir"
	.asciz "sys_fchdir"
	.asciz "sys_getcwd"
	.asciz "sys_umask"
	.asciz "do_prw"
	.asciz "rw_at_fpos"
	.asciz "do_rwv"
	.asciz "do_rw"
	.asciz "getdents_emit"
	.asciz "sys_read"
	.asciz "sys_write"
	.asciz "sys_readv"
	.asciz "sys_writev"
	.asciz "sys_pread64"
	.asciz "sys_pwrite64"
	.asciz "sys_lseek"
	.asciz "sys_close"
	.asciz "sys_dup"
	.asciz "sys_dup3"
	.asciz "sys_fcntl"
	.asciz "sys_ioctl"
	.asciz "sys_fstat"
	.asciz "sys_getdents64"
	.asciz "sys_preadv"
	.asciz "sys_pwritev"
	.asciz "fault_here"
	.asciz "everywhere_trampoline"
	.asciz "panic_here"
	.asciz "recurse_deep.isra.0"
	.asciz "overflow_stack"
	.asciz "ktest_fail"
	.asciz "ktest_call_on"
	.asciz "ktest_run_everywhere"
	.asciz "ktest_run_all"
	.asciz "ktest_panic"
	.asciz "record_id"
	.asciz "ktest_fn_harts_online"
	.asciz "ktest_fn_timer_ticks_every_hart"
	.asciz "ktest_fn_cpu_ids_dense"
	.asciz "ktest_fn_per_cpu_register"
	.asciz "ktest_fn_ipi_round_trip"
	.asciz "hammer_lock"
	.asciz "ktest_fn_mmu_kernel_permissions"
	.asciz "ktest_fn_bootmem_excludes_kernel_and_dtb"
	.asciz "ktest_fn_monotonic_clock"
	.asciz "ktest_fn_rtc_wall_clock"
	.asciz "ktest_fn_printk_log_buffer"
	.asciz "ktest_fn_cmdline_parsed"
	.asciz "ktest_fn_symbol_table"
	.asciz "ktest_fn_spinlock_contention"
	.asciz "ktest_fn_mmu_no_identity_map"
	.asciz "ktest_fn_device_tree_machine"
	.asciz "ktest_fn_lockdep_boot_classes"
	.asciz "order_ab"
	.asciz "ktest_fn_lockdep_nested"
	.asciz "ktest_fn_lockdep_consistent_order"
	.asciz "ktest_lockdep_inversion"
	.asciz "ktest_fn_lockdep_inversion_on_request"
	.asciz "kernel_init"
	.asciz "machine_find"
	.asciz "start_kernel"
	.asciz "cmd_cmdline"
	.asciz "cmd_ticks"
	.asciz "cmd_echo"
	.asciz "cmd_help"
	.asciz "cmd_reboot"
	.asciz "cmd_poweroff"
	.asciz "cmd_panic"
	.asciz "cmd_sbi"
	.asciz "cmd_ipi"
	.asciz "cmd_date"
	.asciz "cmd_uptime"
	.asciz "cmd_dmesg"
	.asciz "cmd_devices"
	.asciz "cmd_mem"
	.asciz "cmd_harts"
	.asciz "monitor_run"
	.asciz "panic_common"
	.asciz "panic_in_progress"
	.asciz "panic"
	.asciz "panic_regs"
	.asciz "warn_report"
	.asciz "chacha20_init"
	.asciz "chacha20_block"
	.asciz "chacha20_xor"
	.asciz "cmdline_parse"
	.asciz "cmdline_get"
	.asciz "cmdline_has"
	.asciz "cmdline_get_long"
	.asciz "dt_status_ok"
	.asciz "dt_read_reg.isra.0"
	.asciz "dt_add_reg_ranges.isra.0"
	.asciz "dt_parse"
	.asciz "dt_find_compatible"
	.asciz "dt_hart_index"
	.asciz "fdt_tag.isra.0"
	.asciz "fdt_prop_from"
	.asciz "fdt32_to_cpu"
	.asciz "fdt_read_cells"
	.asciz "fdt_open"
	.asciz "fdt_get_name"
	.asciz "fdt_first_child"
	.asciz "fdt_next_sibling"
	.asciz "fdt_find_child"
	.asciz "fdt_walk_path"
	.asciz "fdt_first_prop"
	.asciz "fdt_next_prop"
	.asciz "fdt_prop_at"
	.asciz "fdt_getprop"
	.asciz "fdt_getprop_str"
	.asciz "fdt_getprop_u64"
	.asciz "fdt_is_compatible"
	.asciz "fdt_path_offset"
	.asciz "fdt_parent_offset"
	.asciz "fdt_get_phandle"
	.asciz "fdt_next_node"
	.asciz "fdt_node_by_phandle"
	.asciz "fdt_num_memrsv"
	.asciz "fdt_get_memrsv"
	.asciz "ksym_is_text"
	.asciz "ksym_lookup"
	.asciz "ksym_address"
	.asciz "console_emit"
	.asciz "sbi_write"
	.asciz "log_emit"
	.asciz "vprintk"
	.asciz "printk"
	.asciz "console_register"
	.asciz "printk_enter_panic"
	.asciz "console_write"
	.asciz "console_printf"
	.asciz "console_getc"
	.asciz "console_rx_wait"
	.asciz "console_flush"
	.asciz "console_write_panic"
	.asciz "log_read_all"
	.asciz "rb_check_subtree"
	.asciz "rb_rotate"
	.asciz "rb_insert_color"
	.asciz "rb_erase"
	.asciz "rb_first"
	.asciz "rb_last"
	.asciz "rb_next"
	.asciz "rb_prev"
	.asciz "rb_insert_color_cached"
	.asciz "rb_erase_cached"
	.asciz "rb_validate"
	.asciz "rb_validate_cached"
	.asciz "copy_forward"
	.asciz "memcpy"
	.asciz "memmove"
	.asciz "memset"
	.asciz "memcmp"
	.asciz "memchr"
	.asciz "strlen"
	.asciz "strnlen"
	.asciz "strcmp"
	.asciz "strncmp"
	.asciz "strchr"
	.asciz "strrchr"
	.asciz "strstr"
	.asciz "strcpy"
	.asciz "strncpy"
	.asciz "strcat"
	.asciz "strlcpy"
	.asciz "strscpy"
	.asciz "str_has_prefix"
	.asciz "kstrtoull"
	.asciz "kstrtoll"
	.asciz "time_to_utc"
	.asciz "put_field"
	.asciz "put_number"
	.asciz "vsnprintf"
	.asciz "snprintf"
	.asciz "vscnprintf"
	.asciz "scnprintf"
	.asciz "pair_hammer"
	.asciz "ktest_fn_seqlock_smp_pair"
	.asciz "ktest_fn_rwlock_smp_exclusion"
	.asciz "starve_worker"
	.asciz "ktest_fn_lockdep_sees_rwlock_and_seqlock"
	.asciz "ktest_fn_seqlock_read_cost"
	.asciz "rw_hammer"
	.asciz "ktest_fn_rwlock_writer_not_starved"
	.asciz "graph_lock"
	.asciz "class_lookup"
	.asciz "class_get"
	.asciz "report_begin"
	.asciz "report_end"
	.asciz "lockdep_acquire"
	.asciz "lockdep_release"
	.asciz "lockdep_hardirq_enter"
	.asciz "lockdep_hardirq_exit"
	.asciz "lockdep_assert_can_sleep"
	.asciz "lockdep_enabled"
	.asciz "lockdep_class_find"
	.asciz "lockdep_has_edge"
	.asciz "lockdep_held_depth"
	.asciz "lockdep_cpu_slow_paths"
	.asciz "lockdep_get_stats"
	.asciz "lockdep_print"
	.asciz "lockdep_set_report_hook"
	.asciz "lockdep_reset"
	.asciz "sleeplock_wait"
	.asciz "rwsem_down.constprop.0"
	.asciz "rwsem_grant"
	.asciz "mutex_init"
	.asciz "mutex_is_locked"
	.asciz "mutex_held_by_current"
	.asciz "mutex_lock"
	.asciz "mutex_trylock"
	.asciz "mutex_unlock"
	.asciz "sema_init"
	.asciz "down_timeout"
	.asciz "down"
	.asciz "down_trylock"
	.asciz "up"
	.asciz "init_rwsem"
	.asciz "down_read"
	.asciz "down_write"
	.asciz "down_write_nested"
	.asciz "down_read_trylock"
	.asciz "down_write_trylock"
	.asciz "up_read"
	.asciz "up_write"
	.asciz "write_lock_at.constprop.0"
	.asciz "read_lock_at.constprop.0"
	.asciz "rwlock_init"
	.asciz "rwlock_is_write_held"
	.asciz "read_lock"
	.asciz "read_unlock"
	.asciz "write_lock"
	.asciz "write_unlock"
	.asciz "read_trylock"
	.asciz "write_trylock"
	.asciz "read_lock_irqsave"
	.asciz "read_unlock_irqrestore"
	.asciz "write_lock_irqsave"
	.asciz "write_unlock_irqrestore"
	.asciz "spin_lock_at.constprop.0"
	.asciz "spin_lock_init"
	.asciz "spin_is_held"
	.asciz "spin_lock"
	.asciz "spin_lock_nested"
	.asciz "spin_trylock"
	.asciz "spin_unlock"
	.asciz "spin_lock_irqsave"
	.asciz "spin_unlock_irqrestore"
	.asciz "bootmem_insert"
	.asciz "bootmem_reserve"
	.asciz "bootmem_add"
	.asciz "bootmem_alloc"
	.asciz "bootmem_alloc_page"
	.asciz "bootmem_free_bytes"
	.asciz "bootmem_ranges"
	.asciz "__zone_free_block"
	.asciz "pcp_drain"
	.asciz "__zone_take_block"
	.asciz "pcp_alloc"
	.asciz "zone_release_block"
	.asciz "zone_init"
	.asciz "zone_add_free_range"
	.asciz "zone_drain_cpu"
	.asciz "zone_alloc_pages"
	.asciz "zone_free_pages"
	.asciz "zone_put_page"
	.asciz "zone_stats"
	.asciz "zone_nr_free"
	.asciz "zone_validate"
	.asciz "fault_copy_page"
	.asciz "mm_out_of_memory"
	.asciz "__handle_mm_fault"
	.asciz "handle_mm_fault"
	.asciz "tfile_open"
	.asciz "tfile_close"
	.asciz "smp_leave"
	.asciz "all_fault"
	.asciz "tfile_fault"
	.asciz "test_oom_hook"
	.asciz "smp_reads"
	.asciz "stress_reader"
	.asciz "time_fork_exit"
	.asciz "smp_switch_and_read"
	.asciz "has_pattern"
	.asciz "check_no_leak"
	.asciz "test_mm_leave"
	.asciz "ktest_fn_mm_strncpy_from_user"
	.asciz "ktest_fn_mm_get_put_user"
	.asciz "ktest_fn_mm_smp_concurrent_access"
	.asciz "ktest_fn_mm_munmap_frees_tables"
	.asciz "fork_cow_orphan"
	.asciz "ktest_fn_mm_exhaustion_oom"
	.asciz "ktest_fn_mm_smp_shootdown"
	.asciz "ktest_fn_mm_stack_growth"
	.asciz "ktest_fn_mm_put_while_active"
	.asciz "ktest_fn_mm_partial_copy"
	.asciz "ktest_fn_mm_fork_shared_anon"
	.asciz "ktest_fn_mm_bad_user_pointers"
	.asciz "ktest_fn_mm_protection"
	.asciz "ktest_fn_mm_map_populate"
	.asciz "ktest_fn_mm_perf"
	.asciz "file_private_body"
	.asciz "ktest_fn_mm_file_mapping"
	.asciz "ktest_fn_mm_madvise_dontneed"
	.asciz "ktest_fn_mm_anon_copy_roundtrip"
	.asciz "ktest_fn_mm_munmap_middle"
	.asciz "ktest_fn_mm_fork_storm"
	.asciz "ktest_fn_mm_brk_up_down"
	.asciz "fork_cow_both.constprop.0"
	.asciz "ktest_fn_mm_fork_cow"
	.asciz "ktest_fn_mm_map_fixed_replace"
	.asciz "ktest_fn_mm_create_switch_destroy"
	.asciz "ktest_fn_mm_mprotect_split"
	.asciz "ktest_fn_page_alloc_owns_bootmem_free_ranges"
	.asciz "pairs_per_second"
	.asciz "stress_release"
	.asciz "stress_worker"
	.asciz "ktest_fn_page_alloc_consistent"
	.asciz "ktest_fn_page_alloc_exhaustion"
	.asciz "ktest_fn_page_alloc_speed"
	.asciz "ktest_fn_page_alloc_zeroing"
	.asciz "ktest_fn_page_alloc_every_order"
	.asciz "ktest_fn_page_alloc_smp_stress"
	.asciz "ktest_fn_page_alloc_refcount"
	.asciz "stress_alloc"
	.asciz "kmalloc_pairs_per_second"
	.asciz "check_no_leak"
	.asciz "ktest_fn_slab_kmalloc_sizes"
	.asciz "ktest_fn_slab_krealloc_keeps_contents"
	.asciz "ktest_fn_slab_kzalloc_zeroes"
	.asciz "ktest_fn_slab_debug_poison_visible"
	.asciz "ktest_fn_slab_kmalloc_speed"
	.asciz "stress_free"
	.asciz "stress_worker"
	.asciz "ktest_fn_slab_smp_stress"
	.asciz "speed_worker"
	.asciz "ktest_fn_slab_cache_cycle"
	.asciz "ktest_fn_kernel_stacks_guarded"
	.asciz "ktest_fn_vmalloc_map_write_free"
	.asciz "ktest_fn_vmalloc_too_big_fails_cleanly"
	.asciz "ktest_fn_vmalloc_zero_and_reuse"
	.asciz "mm_vma_hold"
	.asciz "mm_vma_free"
	.asciz "mm_vma_alloc"
	.asciz "zap_pte"
	.asciz "mm_teardown"
	.asciz "dup_pte"
	.asciz "validate_pte"
	.asciz "mm_drain_this_cpu"
	.asciz "mm_drop"
	.asciz "mm_unmapped"
	.asciz "mm_init"
	.asciz "mm_stats_read"
	.asciz "mm_vma_alloc_init"
	.asciz "mm_map_page"
	.asciz "mm_zap_range"
	.asciz "mm_free_hole_tables"
	.asciz "mm_create"
	.asciz "mm_get"
	.asciz "mm_put"
	.asciz "mm_active"
	.asciz "mm_switch"
	.asciz "mm_flush_icache"
	.asciz "mm_dup"
	.asciz "mm_validate"
	.asciz "mm_drain_all_cpus"
	.asciz "mm_free_pages_settled"
	.asciz "sys_brk"
	.asciz "sys_mmap"
	.asciz "sys_munmap"
	.asciz "sys_mprotect"
	.asciz "sys_madvise"
	.asciz "sys_mincore"
	.asciz "mmap_unmap"
	.asciz "protect_pte"
	.asciz "do_mmap"
	.asciz "do_munmap"
	.asciz "do_mprotect"
	.asciz "do_madvise_dontneed"
	.asciz "mm_brk_init"
	.asciz "do_brk"
	.asciz "page_table_page_alloc"
	.asciz "alloc_pages"
	.asciz "free_pages"
	.asciz "get_free_pages"
	.asciz "free_pages_addr"
	.asciz "get_page"
	.asciz "put_page"
	.asciz "page_alloc_stats"
	.asciz "nr_free_pages"
	.asciz "page_alloc_drain_cpu"
	.asciz "page_alloc_validate"
	.asciz "free_initrd_mem"
	.asciz "page_alloc_init"
	.asciz "shmem_vma_open"
	.asciz "shmem_fault"
	.asciz "shmem_create"
	.asciz "shmem_put"
	.asciz "shmem_vma_close"
	.asciz "shmem_mmap_anon"
	.asciz "kmem_cache_setup"
	.asciz "slab_head_of"
	.asciz "kmalloc_large_page"
	.asciz "slab_check_redzone"
	.asciz "__slab_validate"
	.asciz "slab_check_free_object"
	.asciz "slab_release_list"
	.asciz "slab_flush"
	.asciz "kmem_cache_shrink"
	.asciz "kmem_cache_drain_cpu"
	.asciz "slab_drain_all_cpu"
	.asciz "kmem_cache_alloc"
	.asciz "kmem_cache_free"
	.asciz "kmem_cache_create"
	.asciz "kmem_cache_destroy"
	.asciz "kmalloc_size_class"
	.asciz "kmalloc"
	.asciz "kzalloc"
	.asciz "kfree"
	.asciz "ksize"
	.asciz "krealloc"
	.asciz "kmalloc_large_pages"
	.asciz "kmem_cache_get_stats"
	.asciz "slab_info_all"
	.asciz "slab_pages_total"
	.asciz "kmem_cache_validate"
	.asciz "slab_validate_all"
	.asciz "slab_init"
	.asciz "mm_map_special"
	.asciz "step_clear_user"
	.asciz "step_from_user"
	.asciz "step_to_user"
	.asciz "step_strncpy"
	.asciz "step_page_get"
	.asciz "uaccess_u32_nofault"
	.asciz "uaccess_page"
	.asciz "uaccess_walk"
	.asciz "copy_from_mm"
	.asciz "copy_to_mm"
	.asciz "clear_mm"
	.asciz "copy_from_user"
	.asciz "copy_to_user"
	.asciz "clear_user"
	.asciz "uaccess_get"
	.asciz "strncpy_from_user"
	.asciz "user_read_u32_nofault"
	.asciz "user_cmpxchg_u32_nofault"
	.asciz "user_page_get"
	.asciz "vma_cmp"
	.asciz "vma_alloc_blank.isra.0"
	.asciz "vma_add"
	.asciz "vma_split_into"
	.asciz "vma_set_init"
	.asciz "vma_find_next"
	.asciz "vma_find"
	.asciz "vma_prev"
	.asciz "vma_next"
	.asciz "vma_first"
	.asciz "vma_last"
	.asciz "vma_insert"
	.asciz "vma_remove"
	.asciz "vma_unmap_spared"
	.asciz "vma_split"
	.asciz "vma_mergeable"
	.asciz "vma_merge_around"
	.asciz "vma_unmap_range"
	.asciz "vma_set_clear"
	.asciz "vma_map_range"
	.asciz "vma_protect_range"
	.asciz "vma_get_unmapped_area"
	.asciz "vma_validate"
	.asciz "vmap_release"
	.asciz "vmalloc_gfp"
	.asciz "is_vmalloc_addr"
	.asciz "vmalloc"
	.asciz "vzalloc"
	.asciz "vfree"
	.asciz "vmalloc_to_page"
	.asciz "kstack_alloc"
	.asciz "kstack_free"
	.asciz "vmalloc_stats"
	.asciz "script_parse"
	.asciz "exec_source_read"
	.asciz "elf_parse"
	.asciz "elf_load"
	.asciz "exec_protect"
	.asciz "exec_write"
	.asciz "exec_map"
	.asciz "exec_push_kernel"
	.asciz "exec_push_vec"
	.asciz "exec_finish_stack"
	.asciz "exec_file_close_op"
	.asciz "exec_file_open_op"
	.asciz "exec_prefix_insert.constprop.0"
	.asciz "exec_count"
	.asciz "exec_resolve.constprop.0"
	.asciz "exec_run"
	.asciz "do_execve"
	.asciz "sys_execve"
	.asciz "exec_file_read"
	.asciz "exec_file_open"
	.asciz "exec_file_close"
	.asciz "exec_close_on_exec"
	.asciz "exec_arg_limit"
	.asciz "exec_stack_table_size"
	.asciz "exec_stack_init"
	.asciz "exec_stack_push"
	.asciz "exec_stack_finish"
	.asciz "task_cputime"
	.asciz "do_exit"
	.asciz "process_kill"
	.asciz "exec_kill_other_threads"
	.asciz "do_group_exit"
	.asciz "user_return_work"
	.asciz "sys_exit"
	.asciz "sys_exit_group"
	.asciz "fork_child_entry"
	.asciz "clone_abort"
	.asciz "do_clone"
	.asciz "sys_clone"
	.asciz "sys_clone3"
	.asciz "futex_get_key"
	.asciz "futex_wake_one"
	.asciz "futex_init"
	.asciz "futex_waiters"
	.asciz "futex_wait"
	.asciz "futex_wake"
	.asciz "futex_requeue"
	.asciz "futex_wake_op"
	.asciz "sys_futex"
	.asciz "sys_set_robust_list"
	.asciz "sys_get_robust_list"
	.asciz "futex_hash"
	.asciz "futex_key_equal"
	.asciz "futex_bucket_init"
	.asciz "futex_queue"
	.asciz "futex_unqueue"
	.asciz "futex_wake_queued"
	.asciz "futex_requeue_queued"
	.asciz "futex_op_decode"
	.asciz "futex_op_apply"
	.asciz "futex_op_cmp"
	.asciz "futex_bucket_validate"
	.asciz "mem_close"
	.asciz "p_magic"
	.asciz "p_machine"
	.asciz "p_phentsize"
	.asciz "p_truncate"
	.asciz "p_short"
	.asciz "p_interp"
	.asciz "p_entry"
	.asciz "p_filesz"
	.asciz "p_low"
	.asciz "p_dyn_type"
	.asciz "mem_open"
	.asciz "mem_read"
	.asciz "run_case"
	.asciz "run_kestrel"
	.asciz "one_failure"
	.asciz "exec_task_fn"
	.asciz "free_pages_settled"
	.asciz "ktest_fn_exec_system_call"
	.asciz "ktest_fn_exec_perf"
	.asciz "perf_task_fn"
	.asciz "ktest_fn_random_perf"
	.asciz "ktest_fn_random_output_looks_random"
	.asciz "ktest_fn_exec_argument_limits"
	.asciz "ktest_fn_exec_failures_leave_caller_intact"
	.asciz "ktest_fn_exec_static_elf_stack_and_auxv"
	.asciz "ktest_fn_exec_static_pie"
	.asciz "ktest_fn_exec_big_image_and_glibc_hello"
	.asciz "ktest_fn_exec_glibc_clock_vdso"
	.asciz "ktest_fn_exec_from_user_vectors_replaces_caller_mm"
	.asciz "ktest_fn_exec_scripts_and_empty_argv"
	.asciz "fx_mm_create"
	.asciz "fx_timed.constprop.0"
	.asciz "fx_start_proc.constprop.0"
	.asciz "fx_waiter_fn"
	.asciz "fx_pp_fn"
	.asciz "fx_stress_fn"
	.asciz "fx_finish"
	.asciz "ktest_fn_futex_shared_keys_and_group_exit"
	.asciz "ktest_fn_futex_pingpong_latency_across_harts"
	.asciz "fx_errnos"
	.asciz "fx_wake_op_and_robust"
	.asciz "ktest_fn_futex_errnos_timeouts_wake_op"
	.asciz "ktest_fn_futex_wake_bitset_requeue_across_harts"
	.asciz "ktest_fn_futex_mutex_stress_no_lost_wakeup"
	.asciz "user_task_fn"
	.asciz "free_pages_settled"
	.asciz "expect_exit"
	.asciz "ktest_fn_user_syscalls_and_demand_paging"
	.asciz "ktest_fn_user_null_pointer_killed"
	.asciz "ktest_fn_user_write_to_text_killed"
	.asciz "ktest_fn_user_kernel_address_killed"
	.asciz "ktest_fn_user_illegal_instruction_killed"
	.asciz "ktest_fn_user_code_survives_timer_interrupts"
	.asciz "ktest_fn_user_fork_wait_exit"
	.asciz "ktest_fn_user_threads_and_exit_group"
	.asciz "ktest_fn_user_fp_state_preserved"
	.asciz "oom_kill"
	.asciz "pid_alloc"
	.asciz "pid_free"
	.asciz "pid_group_get"
	.asciz "pid_group_put"
	.asciz "pid_group_exists"
	.asciz "pid_hash_add"
	.asciz "pid_hash_del"
	.asciz "task_find_by_pid"
	.asciz "pid_count"
	.asciz "current_process"
	.asciz "fatal_signal_pending"
	.asciz "signal_pending"
	.asciz "capable_root"
	.asciz "proc_init"
	.asciz "nr_processes"
	.asciz "process_alloc"
	.asciz "process_put"
	.asciz "proc_task_free"
	.asciz "proc_become_user"
	.asciz "proc_console_files"
	.asciz "proc_start_init"
	.asciz "proc_clone_files"
	.asciz "proc_release_files"
	.asciz "cred_read"
	.asciz "set_res_ids"
	.asciz "set_one_id"
	.asciz "set_re_ids"
	.asciz "get_res_ids"
	.asciz "process_times"
	.asciz "sys_getpid"
	.asciz "sys_gettid"
	.asciz "sys_getppid"
	.asciz "sys_set_tid_address"
	.asciz "sys_setpgid"
	.asciz "sys_getpgid"
	.asciz "sys_getsid"
	.asciz "sys_setsid"
	.asciz "sys_getuid"
	.asciz "sys_geteuid"
	.asciz "sys_getgid"
	.asciz "sys_getegid"
	.asciz "sys_setresuid"
	.asciz "sys_setresgid"
	.asciz "sys_getresuid"
	.asciz "sys_getresgid"
	.asciz "sys_setuid"
	.asciz "sys_setgid"
	.asciz "sys_setreuid"
	.asciz "sys_setregid"
	.asciz "sys_setfsuid"
	.asciz "sys_setfsgid"
	.asciz "sys_getgroups"
	.asciz "sys_setgroups"
	.asciz "sys_prlimit64"
	.asciz "sys_getrlimit"
	.asciz "sys_setrlimit"
	.asciz "rlimit_cur"
	.asciz "sys_getrusage"
	.asciz "sys_times"
	.asciz "sys_reboot"
	.asciz "syscall_trace_check"
	.asciz "syscall_dispatch"
	.asciz "sys_sched_yield"
	.asciz "do_wait"
	.asciz "rusage_fill"
	.asciz "sys_wait4"
	.asciz "sys_waitid"
	.asciz "find_busiest"
	.asciz "pull_one"
	.asciz "select_task_rq"
	.asciz "sched_idle_balance"
	.asciz "sched_balance_tick"
	.asciz "clock_init"
	.asciz "cycles_to_ns"
	.asciz "ns_to_cycles"
	.asciz "ktime_get_ns"
	.asciz "udelay"
	.asciz "clock_init_cpu"
	.asciz "clock_program_event"
	.asciz "clock_tick"
	.asciz "task_double_lock"
	.asciz "double_rq_lock"
	.asciz "double_rq_unlock"
	.asciz "rq_update"
	.asciz "resched_curr"
	.asciz "check_preempt_curr"
	.asciz "activate_task"
	.asciz "deactivate_task"
	.asciz "set_task_cpu"
	.asciz "might_sleep_at"
	.asciz "sched_push_task"
	.asciz "__schedule"
	.asciz "schedule"
	.asciz "sched_yield"
	.asciz "preempt_schedule"
	.asciz "cond_resched"
	.asciz "wake_up_new_task"
	.asciz "try_to_wake_up"
	.asciz "preempt_schedule_irq"
	.asciz "sched_exit_current"
	.asciz "sched_switch_tail"
	.asciz "scheduler_tick"
	.asciz "set_user_nice"
	.asciz "set_cpus_allowed"
	.asciz "sched_set_policy"
	.asciz "sched_fork"
	.asciz "sched_rr_interval_ns"
	.asciz "sched_task_init"
	.asciz "sched_init_cpu"
	.asciz "sched_init"
	.asciz "sched_cpu_stats"
	.asciz "task_sched_runtime"
	.asciz "cfs_update_min_vruntime"
	.asciz "cfs_node_cmp"
	.asciz "cfs_validate_entity.isra.0"
	.asciz "cfs_charge"
	.asciz "cfs_nice_to_weight"
	.asciz "cfs_nice_to_inv_weight"
	.asciz "cfs_load_set_nice"
	.asciz "cfs_load_set"
	.asciz "cfs_calc_delta"
	.asciz "cfs_params_init"
	.asciz "cfs_rq_init"
	.asciz "cfs_entity_init"
	.asciz "cfs_first"
	.asciz "cfs_update_curr"
	.asciz "cfs_sched_slice"
	.asciz "cfs_sched_vslice"
	.asciz "cfs_migrate_out"
	.asciz "cfs_migrate_in"
	.asciz "cfs_enqueue"
	.asciz "cfs_dequeue"
	.asciz "cfs_pick_next"
	.asciz "cfs_put_prev"
	.asciz "cfs_tick_check_preempt"
	.asciz "cfs_wakeup_check_preempt"
	.asciz "cfs_yield"
	.asciz "cfs_reweight"
	.asciz "cfs_reweight_to"
	.asciz "cfs_validate"
	.asciz "fair_steal"
	.asciz "fair_migrate_out"
	.asciz "fair_yield"
	.asciz "fair_check_preempt"
	.asciz "fair_tick"
	.asciz "fair_update_curr"
	.asciz "fair_put_prev"
	.asciz "fair_pick_next"
	.asciz "fair_dequeue"
	.asciz "fair_enqueue"
	.asciz "fair_set_nice"
	.asciz "idle_pick_next"
	.asciz "idle_put_prev"
	.asciz "idle_update_curr"
	.asciz "idle_tick"
	.asciz "idle_check_preempt"
	.asciz "idle_yield"
	.asciz "idle_set_nice"
	.asciz "idle_steal"
	.asciz "idle_dequeue"
	.asciz "idle_enqueue"
	.asciz "idle_migrate_out"
	.asciz "idle_task_init"
	.asciz "cpu_idle_loop"
	.asciz "note_fn"
	.asciz "slice_fn"
	.asciz "hog_fn"
	.asciz "rt_create"
	.asciz "ktest_fn_rt_fifo_preempts_fair_at_once"
	.asciz "ktest_fn_rt_policy_change_of_running_task"
	.asciz "slice_race"
	.asciz "ktest_fn_rt_rr_slices_fifo_does_not"
	.asciz "rt_probe_fn"
	.asciz "yield_fn"
	.asciz "ktest_fn_rt_fifo_yield_alternates"
	.asciz "ktest_fn_rt_priority_order_fifo_among_equals"
	.asciz "never_fn"
	.asciz "setter_fn"
	.asciz "hog_fn"
	.asciz "mover_fn"
	.asciz "empty_fn"
	.asciz "spawn"
	.asciz "ktest_fn_sched_affinity_moves_running_thread"
	.asciz "ktest_fn_sched_msleep_precision"
	.asciz "stoppable_fn"
	.asciz "test_timer_fn"
	.asciz "spinner_fn"
	.asciz "ping_fn"
	.asciz "pong_fn"
	.asciz "ktest_fn_sched_yield_alternates"
	.asciz "yielder_fn"
	.asciz "pingpong_run"
	.asciz "wq_setter_fn"
	.asciz "excl_waiter_fn"
	.asciz "ktest_fn_sched_timers"
	.asciz "ktest_fn_sched_mutex_counter"
	.asciz "mutex_worker_fn"
	.asciz "owner_fn"
	.asciz "ktest_fn_sched_rwsem_and_semaphore"
	.asciz "ktest_fn_sched_boot_state"
	.asciz "ktest_fn_sched_completion_pingpong"
	.asciz "rw_worker_fn"
	.asciz "ktest_fn_sched_cfs_nice_share"
	.asciz "ktest_fn_sched_sleep_in_atomic_on_request"
	.asciz "many_fn"
	.asciz "ktest_fn_sched_all_cpus_used"
	.asciz "ktest_fn_sched_kthread_create_join_cost"
	.asciz "ktest_fn_sched_exclusive_wakeup"
	.asciz "ktest_fn_sched_mutex_wrong_owner_on_request"
	.asciz "ktest_fn_sched_kthread_stop"
	.asciz "ktest_fn_sched_kthreads_many"
	.asciz "ktest_fn_sched_wait_event_timeout"
	.asciz "ktest_fn_sched_preemption"
	.asciz "sleeper_fn"
	.asciz "param"
	.asciz "affinity_calls"
	.asciz "nice_calls.constprop.0"
	.asciz "policy_calls"
	.asciz "ktest_fn_sched_syscalls_as_root"
	.asciz "permission_calls.constprop.0"
	.asciz "ktest_fn_sched_syscalls_permissions"
	.asciz "check_interrupted"
	.asciz "ktest_fn_time_clock_ids"
	.asciz "ktest_fn_time_thread_cputime"
	.asciz "ktest_fn_time_process_cputime"
	.asciz "ktest_fn_time_set_realtime"
	.asciz "sleeper_fn"
	.asciz "ktest_fn_time_nanosleep_precision"
	.asciz "ktest_fn_time_syscalls"
	.asciz "check_clock_calls"
	.asciz "check_timeofday"
	.asciz "check_info_calls"
	.asciz "syscalls_body"
	.asciz "spinner_fn"
	.asciz "ktest_fn_time_nanosleep_abs_realtime_follows_settime"
	.asciz "ktest_fn_time_nanosleep_interrupted"
	.asciz "umm_thread"
	.asciz "ktest_in_user_mm"
	.asciz "ktest_fn_vdso_user_mode"
	.asciz "map_body"
	.asciz "ktest_fn_vdso_map_fresh_mm"
	.asciz "vdso_user_task"
	.asciz "user_body"
	.asciz "task_stack_free"
	.asciz "kthread_cache_init"
	.asciz "nr_tasks"
	.asciz "nr_tasks_dying"
	.asciz "kthread_stack_cache_drain"
	.asciz "task_alloc"
	.asciz "task_put"
	.asciz "task_reap"
	.asciz "kthread_create"
	.asciz "kthread_run"
	.asciz "task_exit_final"
	.asciz "kthread_exit"
	.asciz "kthread_main"
	.asciz "kthread_should_stop"
	.asciz "kthread_join"
	.asciz "kthread_stop"
	.asciz "loadavg_sample"
	.asciz "loadavg_get"
	.asciz "loadavg_init"
	.asciz "rt_put_prev"
	.asciz "rt_update_curr"
	.asciz "rt_check_preempt"
	.asciz "rt_set_nice"
	.asciz "rt_migrate_out"
	.asciz "rt_steal"
	.asciz "rt_yield"
	.asciz "rt_tick"
	.asciz "rt_pick_next"
	.asciz "rt_dequeue"
	.asciz "rt_enqueue"
	.asciz "rt_rq_init"
	.asciz "task_rq_prio"
	.asciz "rt_array_init"
	.asciz "rt_array_enqueue"
	.asciz "rt_array_dequeue"
	.asciz "rt_array_requeue_tail"
	.asciz "rt_array_highest"
	.asciz "rt_array_first"
	.asciz "rt_array_alone"
	.asciz "rt_array_validate"
	.asciz "uts_set"
	.asciz "sys_uname"
	.asciz "sys_sethostname"
	.asciz "sys_setdomainname"
	.asciz "sys_sysinfo"
	.asciz "sys_prctl"
	.asciz "sys_getcpu"
	.asciz "nanosleep_common"
	.asciz "sys_clock_gettime"
	.asciz "sys_clock_getres"
	.asciz "sys_clock_settime"
	.asciz "sys_gettimeofday"
	.asciz "sys_settimeofday"
	.asciz "sys_nanosleep"
	.asciz "sys_clock_nanosleep"
	.asciz "getprio_fn"
	.asciz "prio_for_each.constprop.0"
	.asciz "do_setscheduler"
	.asciz "setprio_fn"
	.asciz "sys_sched_setscheduler"
	.asciz "sys_sched_setparam"
	.asciz "sys_sched_getscheduler"
	.asciz "sys_sched_getparam"
	.asciz "sys_sched_get_priority_max"
	.asciz "sys_sched_get_priority_min"
	.asciz "sys_sched_rr_get_interval"
	.asciz "sys_sched_setaffinity"
	.asciz "sys_sched_getaffinity"
	.asciz "sys_setpriority"
	.asciz "sys_getpriority"
	.asciz "wall_write"
	.asciz "sleep_until"
	.asciz "clock_realtime_offset_ns"
	.asciz "ktime_get_real_ns"
	.asciz "clock_realtime_known"
	.asciz "clock_set_rtc"
	.asciz "clock_set_realtime_ns"
	.asciz "clock_get_timezone"
	.asciz "clock_set_timezone"
	.asciz "process_cputime_ns"
	.asciz "cputime_get_ns"
	.asciz "clock_get_ns"
	.asciz "clock_getres_ns"
	.asciz "timespec_to_ns"
	.asciz "ns_to_timespec"
	.asciz "clock_nanosleep_check"
	.asciz "clock_nanosleep_ns"
	.asciz "time_init"
	.asciz "sleep_timer_fn"
	.asciz "timer_del_check"
	.asciz "timers_init"
	.asciz "timer_init"
	.asciz "timer_pending"
	.asciz "timer_add"
	.asciz "timer_del"
	.asciz "timer_del_sync"
	.asciz "timer_next_expiry"
	.asciz "timer_run_expired"
	.asciz "schedule_until"
	.asciz "schedule_timeout"
	.asciz "msleep"
	.asciz "wake_locked"
	.asciz "completion_wait"
	.asciz "wait_queue_head_init"
	.asciz "wait_entry_init"
	.asciz "prepare_to_wait"
	.asciz "prepare_to_wait_exclusive"
	.asciz "finish_wait"
	.asciz "wake_up_nr"
	.asciz "init_completion"
	.asciz "reinit_completion"
	.asciz "complete"
	.asciz "complete_all"
	.asciz "wait_for_completion"
	.asciz "wait_for_completion_timeout"
	.asciz "try_wait_for_completion"
	.asciz "completion_done"
	.asciz "_etext"

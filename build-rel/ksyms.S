	.section .ksyms, "a"
	.balign 8
	.globl __ksyms
__ksyms:
	.quad 1274
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
	.quad 0xffffffc080201db6, 949
	.quad 0xffffffc080201dd2, 963
	.quad 0xffffffc080201e3c, 980
	.quad 0xffffffc080201e4e, 991
	.quad 0xffffffc080201e60, 1002
	.quad 0xffffffc080201f10, 1017
	.quad 0xffffffc080201f7e, 1027
	.quad 0xffffffc080202058, 1037
	.quad 0xffffffc080202184, 1046
	.quad 0xffffffc080202270, 1061
	.quad 0xffffffc080202284, 1074
	.quad 0xffffffc080202298, 1089
	.quad 0xffffffc080202306, 1103
	.quad 0xffffffc08020234c, 1116
	.quad 0xffffffc0802023a4, 1131
	.quad 0xffffffc08020246a, 1145
	.quad 0xffffffc080202568, 1160
	.quad 0xffffffc080202582, 1179
	.quad 0xffffffc08020259e, 1192
	.quad 0xffffffc0802025e6, 1205
	.quad 0xffffffc080202608, 1221
	.quad 0xffffffc08020262e, 1246
	.quad 0xffffffc080202662, 1263
	.quad 0xffffffc080202744, 1279
	.quad 0xffffffc080202942, 1295
	.quad 0xffffffc08020295a, 1313
	.quad 0xffffffc0802029d4, 1324
	.quad 0xffffffc0802029f6, 1335
	.quad 0xffffffc080202a1a, 1353
	.quad 0xffffffc080202a3a, 1370
	.quad 0xffffffc080202a4a, 1385
	.quad 0xffffffc080202aac, 1395
	.quad 0xffffffc080202b0a, 1405
	.quad 0xffffffc080202bbe, 1414
	.quad 0xffffffc080202bd8, 1429
	.quad 0xffffffc080202c0a, 1451
	.quad 0xffffffc080202d2a, 1460
	.quad 0xffffffc080202dea, 1472
	.quad 0xffffffc080202f16, 1490
	.quad 0xffffffc080202fa2, 1505
	.quad 0xffffffc0802031d6, 1522
	.quad 0xffffffc0802031f8, 1537
	.quad 0xffffffc08020321a, 1552
	.quad 0xffffffc08020326a, 1574
	.quad 0xffffffc08020327e, 1587
	.quad 0xffffffc080203420, 1599
	.quad 0xffffffc08020354c, 1613
	.quad 0xffffffc080203732, 1623
	.quad 0xffffffc0802037c0, 1637
	.quad 0xffffffc0802038d6, 1649
	.quad 0xffffffc0802039bc, 1669
	.quad 0xffffffc0802039fa, 1679
	.quad 0xffffffc080203a2a, 1696
	.quad 0xffffffc080203a84, 1714
	.quad 0xffffffc080203aec, 1724
	.quad 0xffffffc080203bc4, 1732
	.quad 0xffffffc080203c48, 1743
	.quad 0xffffffc080203d08, 1754
	.quad 0xffffffc080203e10, 1769
	.quad 0xffffffc080203f0c, 1786
	.quad 0xffffffc08020409c, 1801
	.quad 0xffffffc08020410a, 1820
	.quad 0xffffffc0802041bc, 1834
	.quad 0xffffffc080204362, 1847
	.quad 0xffffffc0802043a0, 1865
	.quad 0xffffffc0802043bc, 1882
	.quad 0xffffffc080204728, 1892
	.quad 0xffffffc08020479a, 1901
	.quad 0xffffffc0802047bc, 1919
	.quad 0xffffffc0802047de, 1937
	.quad 0xffffffc08020483c, 1955
	.quad 0xffffffc08020490a, 1968
	.quad 0xffffffc080204960, 1980
	.quad 0xffffffc0802049c0, 1994
	.quad 0xffffffc0802049ec, 2013
	.quad 0xffffffc080204a34, 2033
	.quad 0xffffffc080204ac4, 2050
	.quad 0xffffffc080204bd4, 2063
	.quad 0xffffffc080204c2a, 2075
	.quad 0xffffffc080204cda, 2096
	.quad 0xffffffc080204cee, 2110
	.quad 0xffffffc080204d5c, 2126
	.quad 0xffffffc080204ec8, 2142
	.quad 0xffffffc080204eda, 2151
	.quad 0xffffffc080204f04, 2156
	.quad 0xffffffc080204f76, 2169
	.quad 0xffffffc080204f88, 2179
	.quad 0xffffffc080204fdc, 2189
	.quad 0xffffffc080204ff6, 2209
	.quad 0xffffffc0802050e4, 2219
	.quad 0xffffffc080205184, 2241
	.quad 0xffffffc0802051ae, 2250
	.quad 0xffffffc080205222, 2255
	.quad 0xffffffc080205310, 2271
	.quad 0xffffffc08020542a, 2282
	.quad 0xffffffc0802054a0, 2291
	.quad 0xffffffc080205512, 2306
	.quad 0xffffffc08020558a, 2321
	.quad 0xffffffc080205600, 2330
	.quad 0xffffffc080205642, 2351
	.quad 0xffffffc080205666, 2366
	.quad 0xffffffc0802056e4, 2373
	.quad 0xffffffc0802056f6, 2380
	.quad 0xffffffc080205742, 2387
	.quad 0xffffffc0802057ce, 2407
	.quad 0xffffffc0802057f8, 2423
	.quad 0xffffffc08020581a, 2437
	.quad 0xffffffc08020587e, 2448
	.quad 0xffffffc0802058d6, 2461
	.quad 0xffffffc080205954, 2470
	.quad 0xffffffc080205a04, 2481
	.quad 0xffffffc0802060c2, 2498
	.quad 0xffffffc080206106, 2510
	.quad 0xffffffc08020612a, 2524
	.quad 0xffffffc08020614e, 2538
	.quad 0xffffffc08020619c, 2551
	.quad 0xffffffc0802061de, 2566
	.quad 0xffffffc0802062aa, 2577
	.quad 0xffffffc0802062c0, 2582
	.quad 0xffffffc080206300, 2587
	.quad 0xffffffc0802063b0, 2604
	.quad 0xffffffc08020644a, 2622
	.quad 0xffffffc0802064f0, 2639
	.quad 0xffffffc080206580, 2651
	.quad 0xffffffc0802065f8, 2664
	.quad 0xffffffc080206614, 2683
	.quad 0xffffffc080206724, 2693
	.quad 0xffffffc080206744, 2709
	.quad 0xffffffc080206768, 2723
	.quad 0xffffffc08020678a, 2736
	.quad 0xffffffc0802067ac, 2751
	.quad 0xffffffc0802067cc, 2765
	.quad 0xffffffc080206848, 2778
	.quad 0xffffffc080206950, 2792
	.quad 0xffffffc080206a2a, 2806
	.quad 0xffffffc080206b4e, 2819
	.quad 0xffffffc080206cb6, 2844
	.quad 0xffffffc080206ffc, 2869
	.quad 0xffffffc080207102, 2896
	.quad 0xffffffc0802071b0, 2922
	.quad 0xffffffc0802071da, 2939
	.quad 0xffffffc080207226, 2954
	.quad 0xffffffc0802073c6, 2969
	.quad 0xffffffc0802074b2, 2982
	.quad 0xffffffc080207bbc, 3010
	.quad 0xffffffc0802081c8, 3035
	.quad 0xffffffc080208624, 3056
	.quad 0xffffffc080208778, 3071
	.quad 0xffffffc080208d4a, 3100
	.quad 0xffffffc080208daa, 3108
	.quad 0xffffffc080208df2, 3114
	.quad 0xffffffc080208e1e, 3119
	.quad 0xffffffc080208f2a, 3140
	.quad 0xffffffc080209faa, 3157
	.quad 0xffffffc08020b4ca, 3168
	.quad 0xffffffc08020e2a2, 3183
	.quad 0xffffffc08020e398, 3195
	.quad 0xffffffc08020e3b6, 3204
	.quad 0xffffffc08020e3d6, 3214
	.quad 0xffffffc08020e3f4, 3227
	.quad 0xffffffc08020e470, 3235
	.quad 0xffffffc08020e4ee, 3245
	.quad 0xffffffc08020e550, 3256
	.quad 0xffffffc08020e726, 3271
	.quad 0xffffffc08020e872, 3283
	.quad 0xffffffc08020e8c8, 3298
	.quad 0xffffffc08020e938, 3312
	.quad 0xffffffc08020e9dc, 3322
	.quad 0xffffffc08020ead0, 3332
	.quad 0xffffffc08020ec80, 3342
	.quad 0xffffffc08020edba, 3353
	.quad 0xffffffc08020edf6, 3363
	.quad 0xffffffc08020ee4e, 3373
	.quad 0xffffffc08020eeb0, 3385
	.quad 0xffffffc08020ef26, 3394
	.quad 0xffffffc08020ef40, 3405
	.quad 0xffffffc08020ef5a, 3415
	.quad 0xffffffc08020efe6, 3428
	.quad 0xffffffc08020f476, 3439
	.quad 0xffffffc08020f882, 3448
	.quad 0xffffffc08020fafe, 3460
	.quad 0xffffffc08020fb2e, 3480
	.quad 0xffffffc08020fb48, 3496
	.quad 0xffffffc08020fbde, 3518
	.quad 0xffffffc08020fce8, 3534
	.quad 0xffffffc08020fdd2, 3548
	.quad 0xffffffc08020fe0a, 3563
	.quad 0xffffffc08020fec2, 3580
	.quad 0xffffffc08020ff4e, 3591
	.quad 0xffffffc08020ff68, 3606
	.quad 0xffffffc0802100ca, 3618
	.quad 0xffffffc0802101e6, 3629
	.quad 0xffffffc0802102ba, 3643
	.quad 0xffffffc08021032e, 3661
	.quad 0xffffffc0802103ca, 3674
	.quad 0xffffffc08021046a, 3690
	.quad 0xffffffc08021061c, 3703
	.quad 0xffffffc08021067e, 3715
	.quad 0xffffffc0802106ce, 3728
	.quad 0xffffffc0802108ac, 3740
	.quad 0xffffffc080210968, 3751
	.quad 0xffffffc080210a6c, 3769
	.quad 0xffffffc080210ac4, 3781
	.quad 0xffffffc080210ae4, 3799
	.quad 0xffffffc080210b46, 3811
	.quad 0xffffffc080210be6, 3825
	.quad 0xffffffc080210bfa, 3842
	.quad 0xffffffc080210c0e, 3860
	.quad 0xffffffc080210cba, 3873
	.quad 0xffffffc080210d1a, 3882
	.quad 0xffffffc080210d64, 3892
	.quad 0xffffffc080210de2, 3904
	.quad 0xffffffc080210e4c, 3917
	.quad 0xffffffc080210f2c, 3937
	.quad 0xffffffc080210f6c, 3948
	.quad 0xffffffc080210f86, 3960
	.quad 0xffffffc080210f9e, 3981
	.quad 0xffffffc080210fb4, 3995
	.quad 0xffffffc080210fde, 4013
	.quad 0xffffffc0802111c0, 4021
	.quad 0xffffffc08021124a, 4029
	.quad 0xffffffc0802112fe, 4044
	.quad 0xffffffc080211426, 4052
	.quad 0xffffffc0802114a6, 4062
	.quad 0xffffffc0802115b2, 4073
	.quad 0xffffffc080211660, 4091
	.quad 0xffffffc0802116b0, 4106
	.quad 0xffffffc0802117e2, 4116
	.quad 0xffffffc0802118a2, 4130
	.quad 0xffffffc080211986, 4145
	.quad 0xffffffc080211a82, 4160
	.quad 0xffffffc080211b34, 4172
	.quad 0xffffffc080211c22, 4184
	.quad 0xffffffc080211cd8, 4198
	.quad 0xffffffc080211dd0, 4209
	.quad 0xffffffc080211e90, 4222
	.quad 0xffffffc080211f6e, 4236
	.quad 0xffffffc08021203a, 4249
	.quad 0xffffffc08021209e, 4263
	.quad 0xffffffc080212158, 4273
	.quad 0xffffffc0802121c8, 4284
	.quad 0xffffffc080212262, 4295
	.quad 0xffffffc080212280, 4305
	.quad 0xffffffc08021234a, 4312
	.quad 0xffffffc0802123e4, 4323
	.quad 0xffffffc080212586, 4330
	.quad 0xffffffc080212622, 4336
	.quad 0xffffffc0802126f2, 4350
	.quad 0xffffffc08021270c, 4359
	.quad 0xffffffc080212726, 4369
	.quad 0xffffffc080212742, 4379
	.quad 0xffffffc08021275e, 4390
	.quad 0xffffffc080212778, 4402
	.quad 0xffffffc080212792, 4415
	.quad 0xffffffc0802127fa, 4425
	.quad 0xffffffc080212814, 4435
	.quad 0xffffffc08021285e, 4443
	.quad 0xffffffc0802128d2, 4452
	.quad 0xffffffc0802129f8, 4462
	.quad 0xffffffc080212a8c, 4472
	.quad 0xffffffc080212af6, 4482
	.quad 0xffffffc080212c6a, 4497
	.quad 0xffffffc080212c86, 4508
	.quad 0xffffffc080212ca2, 4520
	.quad 0xffffffc080212cb8, 4531
	.quad 0xffffffc080212ce4, 4553
	.quad 0xffffffc080212d00, 4564
	.quad 0xffffffc080212d32, 4584
	.quad 0xffffffc080212d4a, 4599
	.quad 0xffffffc080212d94, 4610
	.quad 0xffffffc080212e02, 4624
	.quad 0xffffffc080212f32, 4645
	.quad 0xffffffc080213004, 4659
	.quad 0xffffffc080213126, 4671
	.quad 0xffffffc080213146, 4681
	.quad 0xffffffc080213254, 4703
	.quad 0xffffffc080213344, 4735
	.quad 0xffffffc080213442, 4758
	.quad 0xffffffc08021352e, 4784
	.quad 0xffffffc0802135be, 4808
	.quad 0xffffffc080213638, 4820
	.quad 0xffffffc080213758, 4852
	.quad 0xffffffc080213860, 4893
	.quad 0xffffffc0802138b6, 4918
	.quad 0xffffffc08021395c, 4942
	.quad 0xffffffc080213a04, 4969
	.quad 0xffffffc080213a66, 4993
	.quad 0xffffffc080213af6, 5015
	.quad 0xffffffc080213c0c, 5044
	.quad 0xffffffc080213ca6, 5073
	.quad 0xffffffc080213d66, 5102
	.quad 0xffffffc080213d74, 5132
	.quad 0xffffffc080213de2, 5141
	.quad 0xffffffc080213f36, 5165
	.quad 0xffffffc080214182, 5199
	.quad 0xffffffc08021420c, 5223
	.quad 0xffffffc080214252, 5261
	.quad 0xffffffc0802143f6, 5273
	.quad 0xffffffc080214422, 5286
	.quad 0xffffffc080214936, 5299
	.quad 0xffffffc08021495e, 5311
	.quad 0xffffffc0802149bc, 5321
	.quad 0xffffffc0802149de, 5330
	.quad 0xffffffc080214a26, 5339
	.quad 0xffffffc080214a36, 5350
	.quad 0xffffffc080214a48, 5363
	.quad 0xffffffc080214a60, 5373
	.quad 0xffffffc080214aaa, 5381
	.quad 0xffffffc080214b84, 5389
	.quad 0xffffffc080214c06, 5398
	.quad 0xffffffc080214c54, 5409
	.quad 0xffffffc080214c88, 5419
	.quad 0xffffffc080214d30, 5431
	.quad 0xffffffc080214eb6, 5439
	.quad 0xffffffc080214f92, 5449
	.quad 0xffffffc080215152, 5461
	.quad 0xffffffc0802151f6, 5474
	.quad 0xffffffc08021520e, 5492
	.quad 0xffffffc08021523e, 5498
	.quad 0xffffffc080215264, 5509
	.quad 0xffffffc080215298, 5521
	.quad 0xffffffc08021535e, 5535
	.quad 0xffffffc08021577e, 5550
	.quad 0xffffffc080215834, 5563
	.quad 0xffffffc080215940, 5577
	.quad 0xffffffc08021599e, 5589
	.quad 0xffffffc080215a02, 5601
	.quad 0xffffffc080215a7c, 5618
	.quad 0xffffffc080215ad8, 5631
	.quad 0xffffffc080215ba8, 5650
	.quad 0xffffffc080215c32, 5675
	.quad 0xffffffc0802163f0, 5684
	.quad 0xffffffc080216470, 5703
	.quad 0xffffffc0802164a2, 5717
	.quad 0xffffffc0802165fc, 5732
	.quad 0xffffffc080216666, 5746
	.quad 0xffffffc08021669a, 5759
	.quad 0xffffffc0802166ec, 5774
	.quad 0xffffffc080216914, 5783
	.quad 0xffffffc080216964, 5796
	.quad 0xffffffc0802169f8, 5812
	.quad 0xffffffc080216ae4, 5829
	.quad 0xffffffc080216bea, 5844
	.quad 0xffffffc080216c60, 5858
	.quad 0xffffffc080216cae, 5873
	.quad 0xffffffc080216cf6, 5887
	.quad 0xffffffc080216d96, 5899
	.quad 0xffffffc080216e88, 5911
	.quad 0xffffffc080216ec8, 5927
	.quad 0xffffffc080216f44, 5943
	.quad 0xffffffc080216fc0, 5961
	.quad 0xffffffc080217140, 5977
	.quad 0xffffffc0802171de, 5995
	.quad 0xffffffc080217268, 6011
	.quad 0xffffffc080217326, 6025
	.quad 0xffffffc0802173b6, 6045
	.quad 0xffffffc0802174a8, 6060
	.quad 0xffffffc0802175aa, 6075
	.quad 0xffffffc0802175d6, 6088
	.quad 0xffffffc080217664, 6100
	.quad 0xffffffc0802176cc, 6113
	.quad 0xffffffc080217756, 6126
	.quad 0xffffffc08021778a, 6136
	.quad 0xffffffc0802178da, 6145
	.quad 0xffffffc0802179b6, 6153
	.quad 0xffffffc0802179ea, 6160
	.quad 0xffffffc080217a2a, 6177
	.quad 0xffffffc080217a42, 6196
	.quad 0xffffffc080217aa2, 6210
	.quad 0xffffffc080217b42, 6225
	.quad 0xffffffc080217b66, 6238
	.quad 0xffffffc080217b7e, 6254
	.quad 0xffffffc080217ba0, 6268
	.quad 0xffffffc080217bba, 6288
	.quad 0xffffffc080217c4a, 6301
	.quad 0xffffffc080217d1e, 6318
	.quad 0xffffffc080217d80, 6328
	.quad 0xffffffc080217e60, 6344
	.quad 0xffffffc0802180e0, 6353
	.quad 0xffffffc0802180fe, 6362
	.quad 0xffffffc08021811c, 6370
	.quad 0xffffffc080218158, 6378
	.quad 0xffffffc080218194, 6386
	.quad 0xffffffc0802181b0, 6409
	.quad 0xffffffc080218212, 6425
	.quad 0xffffffc080218256, 6437
	.quad 0xffffffc0802182ba, 6456
	.quad 0xffffffc08021838a, 6469
	.quad 0xffffffc0802183aa, 6476
	.quad 0xffffffc08021844a, 6484
	.quad 0xffffffc0802184fe, 6491
	.quad 0xffffffc08021855c, 6498
	.quad 0xffffffc080218588, 6505
	.quad 0xffffffc0802185b0, 6512
	.quad 0xffffffc0802185d6, 6520
	.quad 0xffffffc08021862a, 6527
	.quad 0xffffffc080218662, 6535
	.quad 0xffffffc08021868a, 6542
	.quad 0xffffffc0802186b6, 6550
	.quad 0xffffffc080218714, 6557
	.quad 0xffffffc080218730, 6564
	.quad 0xffffffc08021876c, 6572
	.quad 0xffffffc0802187a8, 6579
	.quad 0xffffffc080218802, 6587
	.quad 0xffffffc08021883e, 6595
	.quad 0xffffffc080218882, 6610
	.quad 0xffffffc0802189a6, 6620
	.quad 0xffffffc080218a22, 6629
	.quad 0xffffffc080218b98, 6641
	.quad 0xffffffc080218c8e, 6651
	.quad 0xffffffc080218f86, 6662
	.quad 0xffffffc0802197ac, 6672
	.quad 0xffffffc0802197dc, 6681
	.quad 0xffffffc080219810, 6692
	.quad 0xffffffc08021985c, 6702
	.quad 0xffffffc08021999e, 6714
	.quad 0xffffffc080219ad0, 6740
	.quad 0xffffffc080219c7e, 6770
	.quad 0xffffffc080219dfa, 6784
	.quad 0xffffffc080219f64, 6825
	.quad 0xffffffc08021a03a, 6852
	.quad 0xffffffc08021a192, 6862
	.quad 0xffffffc08021a2a0, 6897
	.quad 0xffffffc08021a2ce, 6908
	.quad 0xffffffc08021a386, 6921
	.quad 0xffffffc08021a458, 6931
	.quad 0xffffffc08021a500, 6944
	.quad 0xffffffc08021a66e, 6955
	.quad 0xffffffc08021b220, 6971
	.quad 0xffffffc08021b34e, 6987
	.quad 0xffffffc08021b37c, 7009
	.quad 0xffffffc08021b4d4, 7030
	.quad 0xffffffc08021b65e, 7055
	.quad 0xffffffc08021b676, 7071
	.quad 0xffffffc08021b6f6, 7090
	.quad 0xffffffc08021b756, 7107
	.quad 0xffffffc08021b78e, 7126
	.quad 0xffffffc08021b7b6, 7149
	.quad 0xffffffc08021b862, 7167
	.quad 0xffffffc08021ba22, 7181
	.quad 0xffffffc08021ba36, 7205
	.quad 0xffffffc08021bb66, 7219
	.quad 0xffffffc08021bc32, 7234
	.quad 0xffffffc08021bcca, 7257
	.quad 0xffffffc08021bd7e, 7269
	.quad 0xffffffc08021bdc4, 7280
	.quad 0xffffffc08021bdd6, 7296
	.quad 0xffffffc08021bdf0, 7318
	.quad 0xffffffc08021beac, 7329
	.quad 0xffffffc08021becc, 7343
	.quad 0xffffffc08021bfc4, 7356
	.quad 0xffffffc08021bffc, 7366
	.quad 0xffffffc08021c08e, 7379
	.quad 0xffffffc08021c0aa, 7384
	.quad 0xffffffc08021c0e6, 7397
	.quad 0xffffffc08021c158, 7400
	.quad 0xffffffc08021c19c, 7411
	.quad 0xffffffc08021c1b6, 7421
	.quad 0xffffffc08021c1d0, 7432
	.quad 0xffffffc08021c1ea, 7450
	.quad 0xffffffc08021c236, 7468
	.quad 0xffffffc08021c280, 7487
	.quad 0xffffffc08021c2d8, 7495
	.quad 0xffffffc08021c316, 7504
	.quad 0xffffffc08021c352, 7530
	.quad 0xffffffc08021c396, 7555
	.quad 0xffffffc08021c3b4, 7567
	.quad 0xffffffc08021c3ce, 7588
	.quad 0xffffffc08021c3e6, 7598
	.quad 0xffffffc08021c430, 7610
	.quad 0xffffffc08021c448, 7621
	.quad 0xffffffc08021c4a2, 7634
	.quad 0xffffffc08021c51e, 7647
	.quad 0xffffffc08021c596, 7661
	.quad 0xffffffc08021c5ba, 7679
	.quad 0xffffffc08021c60a, 7702
	.quad 0xffffffc08021c62e, 7721
	.quad 0xffffffc08021c68e, 7745
	.quad 0xffffffc08021c6ca, 7770
	.quad 0xffffffc08021c6e6, 7785
	.quad 0xffffffc08021c700, 7798
	.quad 0xffffffc08021c718, 7808
	.quad 0xffffffc08021c730, 7825
	.quad 0xffffffc08021c7b2, 7838
	.quad 0xffffffc08021c7fe, 7850
	.quad 0xffffffc08021c822, 7868
	.quad 0xffffffc08021c874, 7891
	.quad 0xffffffc08021c8fe, 7906
	.quad 0xffffffc08021c9e2, 7922
	.quad 0xffffffc08021ca5c, 7934
	.quad 0xffffffc08021cadc, 7948
	.quad 0xffffffc08021cb26, 7967
	.quad 0xffffffc08021cb62, 7986
	.quad 0xffffffc08021cb80, 8001
	.quad 0xffffffc08021cc9e, 8019
	.quad 0xffffffc08021cd50, 8029
	.quad 0xffffffc08021ce58, 8047
	.quad 0xffffffc08021cf48, 8057
	.quad 0xffffffc08021d0ac, 8076
	.quad 0xffffffc08021d16e, 8086
	.quad 0xffffffc08021d272, 8106
	.quad 0xffffffc08021d2a8, 8121
	.quad 0xffffffc08021d41c, 8138
	.quad 0xffffffc08021d450, 8154
	.quad 0xffffffc08021d494, 8168
	.quad 0xffffffc08021d520, 8179
	.quad 0xffffffc08021d578, 8192
	.quad 0xffffffc08021dad0, 8206
	.quad 0xffffffc08021db32, 8222
	.quad 0xffffffc08021db60, 8239
	.quad 0xffffffc08021df34, 8257
	.quad 0xffffffc08021dfdc, 8273
	.quad 0xffffffc08021dff0, 8284
	.quad 0xffffffc08021e004, 8296
	.quad 0xffffffc08021e01e, 8306
	.quad 0xffffffc08021e154, 8316
	.quad 0xffffffc08021e214, 8328
	.quad 0xffffffc08021e256, 8342
	.quad 0xffffffc08021e30c, 8352
	.quad 0xffffffc08021e456, 8366
	.quad 0xffffffc08021e4dc, 8381
	.quad 0xffffffc08021e566, 8401
	.quad 0xffffffc08021e5e2, 8413
	.quad 0xffffffc08021e678, 8427
	.quad 0xffffffc08021e712, 8441
	.quad 0xffffffc08021e9e0, 8471
	.quad 0xffffffc08021ec88, 8496
	.quad 0xffffffc08021ef7a, 8530
	.quad 0xffffffc08021f114, 8562
	.quad 0xffffffc08021f24c, 8578
	.quad 0xffffffc08021f5fa, 8605
	.quad 0xffffffc08021f846, 8631
	.quad 0xffffffc08021fa62, 8656
	.quad 0xffffffc08021fbc6, 8685
	.quad 0xffffffc08021fdae, 8710
	.quad 0xffffffc080220002, 8739
	.quad 0xffffffc080220348, 8769
	.quad 0xffffffc080220632, 8792
	.quad 0xffffffc0802207b0, 8817
	.quad 0xffffffc080220ddc, 8834
	.quad 0xffffffc08022103a, 8852
	.quad 0xffffffc080221454, 8877
	.quad 0xffffffc080221676, 8906
	.quad 0xffffffc080221954, 8938
	.quad 0xffffffc080221c18, 8964
	.quad 0xffffffc080221f6a, 8987
	.quad 0xffffffc080222268, 9011
	.quad 0xffffffc0802225ee, 9037
	.quad 0xffffffc080222704, 9058
	.quad 0xffffffc080222a76, 9088
	.quad 0xffffffc080222c50, 9122
	.quad 0xffffffc08022311c, 9149
	.quad 0xffffffc0802231f4, 9194
	.quad 0xffffffc0802232d2, 9211
	.quad 0xffffffc0802233a2, 9226
	.quad 0xffffffc08022356a, 9240
	.quad 0xffffffc0802235f4, 9271
	.quad 0xffffffc08022383e, 9302
	.quad 0xffffffc08022394e, 9328
	.quad 0xffffffc080223a98, 9356
	.quad 0xffffffc080223c36, 9388
	.quad 0xffffffc080223d3e, 9419
	.quad 0xffffffc080223e88, 9448
	.quad 0xffffffc080223f3e, 9461
	.quad 0xffffffc080224038, 9486
	.quad 0xffffffc0802240b0, 9500
	.quad 0xffffffc0802242c4, 9528
	.quad 0xffffffc08022442e, 9566
	.quad 0xffffffc08022453c, 9595
	.quad 0xffffffc0802245e8, 9630
	.quad 0xffffffc080224702, 9658
	.quad 0xffffffc08022478c, 9670
	.quad 0xffffffc0802248c2, 9684
	.quad 0xffffffc080224a22, 9709
	.quad 0xffffffc080224a7e, 9722
	.quad 0xffffffc080224d1a, 9748
	.quad 0xffffffc080224e06, 9779
	.quad 0xffffffc080225018, 9811
	.quad 0xffffffc0802250fa, 9850
	.quad 0xffffffc0802251ea, 9882
	.quad 0xffffffc08022520c, 9894
	.quad 0xffffffc080225244, 9906
	.quad 0xffffffc080225266, 9919
	.quad 0xffffffc0802252d4, 9927
	.quad 0xffffffc0802253a4, 9939
	.quad 0xffffffc0802254ac, 9947
	.quad 0xffffffc0802255c4, 9960
	.quad 0xffffffc0802255e4, 9978
	.quad 0xffffffc08022563c, 9986
	.quad 0xffffffc080225674, 9998
	.quad 0xffffffc0802256e2, 10006
	.quad 0xffffffc08022572c, 10020
	.quad 0xffffffc080225758, 10038
	.quad 0xffffffc0802257be, 10050
	.quad 0xffffffc0802257f0, 10063
	.quad 0xffffffc080225878, 10083
	.quad 0xffffffc08022592e, 10093
	.quad 0xffffffc080225940, 10100
	.quad 0xffffffc080225978, 10107
	.quad 0xffffffc080225988, 10117
	.quad 0xffffffc080225a34, 10127
	.quad 0xffffffc080225a94, 10143
	.quad 0xffffffc080225cde, 10150
	.quad 0xffffffc080225e4a, 10162
	.quad 0xffffffc080225f20, 10180
	.quad 0xffffffc080225f6e, 10202
	.quad 0xffffffc080225fa0, 10210
	.quad 0xffffffc0802260de, 10219
	.quad 0xffffffc08022610c, 10230
	.quad 0xffffffc08022613c, 10243
	.quad 0xffffffc080226198, 10255
	.quad 0xffffffc0802262e2, 10267
	.quad 0xffffffc080226372, 10278
	.quad 0xffffffc0802263ec, 10290
	.quad 0xffffffc0802266ea, 10298
	.quad 0xffffffc08022676a, 10308
	.quad 0xffffffc0802268de, 10320
	.quad 0xffffffc080226a08, 10340
	.quad 0xffffffc080226a54, 10352
	.quad 0xffffffc080226b74, 10359
	.quad 0xffffffc080226bb8, 10381
	.quad 0xffffffc080226bdc, 10393
	.quad 0xffffffc080226c00, 10404
	.quad 0xffffffc080226c44, 10419
	.quad 0xffffffc080226c88, 10435
	.quad 0xffffffc080226c9e, 10444
	.quad 0xffffffc080226cc0, 10453
	.quad 0xffffffc080226ce2, 10470
	.quad 0xffffffc080226d02, 10484
	.quad 0xffffffc080226d22, 10505
	.quad 0xffffffc080226d42, 10525
	.quad 0xffffffc080226e1a, 10541
	.quad 0xffffffc080226f9a, 10557
	.quad 0xffffffc080226fae, 10572
	.quad 0xffffffc0802270ae, 10584
	.quad 0xffffffc080227162, 10597
	.quad 0xffffffc0802271cc, 10607
	.quad 0xffffffc0802271e6, 10623
	.quad 0xffffffc080227268, 10639
	.quad 0xffffffc0802273ec, 10656
	.quad 0xffffffc080227438, 10669
	.quad 0xffffffc0802274b0, 10688
	.quad 0xffffffc080227530, 10707
	.quad 0xffffffc080227846, 10723
	.quad 0xffffffc0802278fa, 10746
	.quad 0xffffffc080227a0a, 10764
	.quad 0xffffffc080227b76, 10775
	.quad 0xffffffc080227bfa, 10793
	.quad 0xffffffc080227c4e, 10814
	.quad 0xffffffc080227cec, 10833
	.quad 0xffffffc08022806a, 10850
	.quad 0xffffffc080228208, 10866
	.quad 0xffffffc0802282ae, 10884
	.quad 0xffffffc080228400, 10903
	.quad 0xffffffc08022848e, 10922
	.quad 0xffffffc080228564, 10930
	.quad 0xffffffc080228580, 10938
	.quad 0xffffffc0802285e6, 10944
	.quad 0xffffffc080228630, 10950
	.quad 0xffffffc080228748, 10959
	.quad 0xffffffc08022875c, 10979
	.quad 0xffffffc080228806, 11000
	.quad 0xffffffc0802288c2, 11014
	.quad 0xffffffc080228928, 11031
	.quad 0xffffffc080228970, 11051
	.quad 0xffffffc080228a46, 11069
	.quad 0xffffffc080228b32, 11079
	.quad 0xffffffc080228c8e, 11094
	.quad 0xffffffc080228cae, 11110
	.quad 0xffffffc080228cce, 11125
	.quad 0xffffffc080228cf2, 11138
	.quad 0xffffffc080228d78, 11151
	.quad 0xffffffc080228de4, 11165
	.quad 0xffffffc080228e5a, 11185
	.quad 0xffffffc080228f6a, 11198
	.quad 0xffffffc080229016, 11211
	.quad 0xffffffc080229092, 11224
	.quad 0xffffffc0802290bc, 11235
	.quad 0xffffffc0802290e4, 11244
	.quad 0xffffffc08022911c, 11259
	.quad 0xffffffc080229162, 11272
	.quad 0xffffffc0802291a2, 11283
	.quad 0xffffffc0802291da, 11295
	.quad 0xffffffc080229278, 11313
	.quad 0xffffffc0802292f2, 11335
	.quad 0xffffffc08022937a, 11360
	.quad 0xffffffc0802293e8, 11374
	.quad 0xffffffc080229406, 11382
	.quad 0xffffffc080229448, 11405
	.quad 0xffffffc080229508, 11413
	.quad 0xffffffc0802295c4, 11428
	.quad 0xffffffc0802295ea, 11441
	.quad 0xffffffc080229618, 11455
	.quad 0xffffffc080229672, 11464
	.quad 0xffffffc08022968e, 11473
	.quad 0xffffffc0802296aa, 11482
	.quad 0xffffffc0802296ca, 11492
	.quad 0xffffffc0802296ea, 11501
	.quad 0xffffffc08022983c, 11512
	.quad 0xffffffc0802298ba, 11523
	.quad 0xffffffc080229a2e, 11540
	.quad 0xffffffc080229a90, 11550
	.quad 0xffffffc080229af4, 11564
	.quad 0xffffffc080229bec, 11581
	.quad 0xffffffc080229ce6, 11597
	.quad 0xffffffc080229d64, 11611
	.quad 0xffffffc080229f26, 11625
	.quad 0xffffffc08022a224, 11643
	.quad 0xffffffc08022a36a, 11665
	.quad 0xffffffc08022a4de, 11678
	.quad 0xffffffc08022a600, 11691
	.quad 0xffffffc08022a7e6, 11703
	.quad 0xffffffc08022a800, 11719
	.quad 0xffffffc08022a81a, 11727
	.quad 0xffffffc08022a834, 11735
	.quad 0xffffffc08022a8cc, 11741
	.quad 0xffffffc08022a930, 11757
	.quad 0xffffffc08022a94c, 11770
	.quad 0xffffffc08022a964, 11782
	.quad 0xffffffc08022a9ba, 11796
	.quad 0xffffffc08022ab20, 11809
	.quad 0xffffffc08022ab82, 11826
	.quad 0xffffffc08022af84, 11836
	.quad 0xffffffc08022b2bc, 11845
	.quad 0xffffffc08022b2d8, 11858
	.quad 0xffffffc08022b2f0, 11869
	.quad 0xffffffc08022b360, 11883
	.quad 0xffffffc08022b398, 11892
	.quad 0xffffffc08022b406, 11909
	.quad 0xffffffc08022b584, 11923
	.quad 0xffffffc08022b902, 11941
	.quad 0xffffffc08022b91c, 11960
	.quad 0xffffffc08022b938, 11978
	.quad 0xffffffc08022b9b0, 12009
	.quad 0xffffffc08022ba58, 12020
	.quad 0xffffffc08022bb78, 12045
	.quad 0xffffffc08022c1ec, 12054
	.quad 0xffffffc08022c226, 12064
	.quad 0xffffffc08022c2dc, 12075
	.quad 0xffffffc08022c2fa, 12090
	.quad 0xffffffc08022c31c, 12105
	.quad 0xffffffc08022c468, 12120
	.quad 0xffffffc08022c48c, 12136
	.quad 0xffffffc08022c4ac, 12155
	.quad 0xffffffc08022c4d2, 12170
	.quad 0xffffffc08022c4e6, 12192
	.quad 0xffffffc08022c50e, 12208
	.quad 0xffffffc08022c534, 12224
	.quad 0xffffffc08022c63e, 12242
	.quad 0xffffffc08022c694, 12255
	.quad 0xffffffc08022c936, 12263
	.quad 0xffffffc08022c9c4, 12276
	.quad 0xffffffc08022caa6, 12300
	.quad 0xffffffc08022cace, 12314
	.quad 0xffffffc08022cb0c, 12331
	.quad 0xffffffc08022cb40, 12340
	.quad 0xffffffc08022cb74, 12355
	.quad 0xffffffc08022cbc8, 12372
	.quad 0xffffffc08022cc42, 12384
	.quad 0xffffffc08022d006, 12393
	.quad 0xffffffc08022d056, 12403
	.quad 0xffffffc08022d162, 12414
	.quad 0xffffffc08022d1f2, 12428
	.quad 0xffffffc08022d216, 12443
	.quad 0xffffffc08022d250, 12454
	.quad 0xffffffc08022d2b4, 12468
	.quad 0xffffffc08022d4d4, 12479
	.quad 0xffffffc08022d57a, 12490
	.quad 0xffffffc08022d7bc, 12504
	.quad 0xffffffc08022da04, 12518
	.quad 0xffffffc08022db7c, 12528
	.quad 0xffffffc08022dba8, 12548
	.quad 0xffffffc08022dc96, 12568
	.quad 0xffffffc08022dce0, 12579
	.quad 0xffffffc08022dd16, 12595
	.quad 0xffffffc08022dd44, 12613
	.quad 0xffffffc08022dd8c, 12625
	.quad 0xffffffc08022ddb6, 12639
	.quad 0xffffffc08022de68, 12657
	.quad 0xffffffc08022dfba, 12678
	.quad 0xffffffc08022e040, 12694
	.quad 0xffffffc08022e084, 12709
	.quad 0xffffffc08022e0fe, 12722
	.quad 0xffffffc08022e1b0, 12744
	.quad 0xffffffc08022e20c, 12766
	.quad 0xffffffc08022e2ee, 12780
	.quad 0xffffffc08022e45c, 12789
	.quad 0xffffffc08022e47a, 12799
	.quad 0xffffffc08022e4a2, 12810
	.quad 0xffffffc08022e4ae, 12820
	.quad 0xffffffc08022e4be, 12828
	.quad 0xffffffc08022e4d2, 12838
	.quad 0xffffffc08022e4e6, 12850
	.quad 0xffffffc08022e4f8, 12861
	.quad 0xffffffc08022e50a, 12869
	.quad 0xffffffc08022e550, 12878
	.quad 0xffffffc08022e560, 12886
	.quad 0xffffffc08022e5a2, 12895
	.quad 0xffffffc08022e5e6, 12901
	.quad 0xffffffc08022e5f8, 12912
	.quad 0xffffffc08022e682, 12921
	.quad 0xffffffc08022e6c0, 12930
	.quad 0xffffffc08022e730, 12939
	.quad 0xffffffc08022e7f2, 12951
	.quad 0xffffffc08022e9ba, 12963
	.quad 0xffffffc08022ecde, 12976
	.quad 0xffffffc08022ed40, 12995
	.quad 0xffffffc08022ee1a, 13021
	.quad 0xffffffc08022ef30, 13040
	.quad 0xffffffc08022f05c, 13053
	.quad 0xffffffc08022f15c, 13074
	.quad 0xffffffc08022f294, 13110
	.quad 0xffffffc08022f4aa, 13140
	.quad 0xffffffc08022f578, 13183
	.quad 0xffffffc08022f5e8, 13223
	.quad 0xffffffc08022f658, 13248
	.quad 0xffffffc08022f74a, 13288
	.quad 0xffffffc08022f828, 13319
	.quad 0xffffffc08022f940, 13370
	.quad 0xffffffc08022fade, 13407
	.quad 0xffffffc08022fb6a, 13420
	.quad 0xffffffc08022fc26, 13441
	.quad 0xffffffc08022fcdc, 13467
	.quad 0xffffffc08022fd62, 13480
	.quad 0xffffffc08022ff06, 13489
	.quad 0xffffffc0802301f4, 13502
	.quad 0xffffffc0802302d2, 13512
	.quad 0xffffffc08023078e, 13554
	.quad 0xffffffc080230a7e, 13599
	.quad 0xffffffc080230f6e, 13609
	.quad 0xffffffc0802313f0, 13631
	.quad 0xffffffc080231728, 13670
	.quad 0xffffffc08023213e, 13718
	.quad 0xffffffc0802324a0, 13761
	.quad 0xffffffc080232618, 13774
	.quad 0xffffffc08023267a, 13793
	.quad 0xffffffc080232780, 13805
	.quad 0xffffffc0802327ac, 13846
	.quad 0xffffffc0802327d8, 13880
	.quad 0xffffffc080232804, 13915
	.quad 0xffffffc080232830, 13951
	.quad 0xffffffc08023285c, 13992
	.quad 0xffffffc0802328e2, 14037
	.quad 0xffffffc080232964, 14066
	.quad 0xffffffc080232990, 14103
	.quad 0xffffffc0802329bc, 14136
	.quad 0xffffffc080232b28, 14145
	.quad 0xffffffc080232c10, 14155
	.quad 0xffffffc080232c7c, 14164
	.quad 0xffffffc080232cca, 14178
	.quad 0xffffffc080232d18, 14192
	.quad 0xffffffc080232d76, 14209
	.quad 0xffffffc080232de4, 14222
	.quad 0xffffffc080232e30, 14235
	.quad 0xffffffc080232ed8, 14252
	.quad 0xffffffc080232eec, 14262
	.quad 0xffffffc080233062, 14277
	.quad 0xffffffc080233076, 14293
	.quad 0xffffffc0802330a6, 14314
	.quad 0xffffffc0802330d6, 14329
	.quad 0xffffffc0802330f6, 14342
	.quad 0xffffffc08023314a, 14352
	.quad 0xffffffc08023315e, 14365
	.quad 0xffffffc080233300, 14379
	.quad 0xffffffc080233350, 14391
	.quad 0xffffffc080233376, 14406
	.quad 0xffffffc080233440, 14423
	.quad 0xffffffc080233484, 14442
	.quad 0xffffffc08023358e, 14458
	.quad 0xffffffc080233614, 14475
	.quad 0xffffffc080233650, 14494
	.quad 0xffffffc0802336be, 14504
	.quad 0xffffffc080233810, 14516
	.quad 0xffffffc080233890, 14527
	.quad 0xffffffc080233958, 14538
	.quad 0xffffffc0802339c6, 14550
	.quad 0xffffffc080233aa6, 14564
	.quad 0xffffffc080233ad4, 14575
	.quad 0xffffffc080233ae8, 14586
	.quad 0xffffffc080233b38, 14598
	.quad 0xffffffc080233b56, 14618
	.quad 0xffffffc080233ca4, 14630
	.quad 0xffffffc080233d26, 14642
	.quad 0xffffffc080233da8, 14653
	.quad 0xffffffc080233e70, 14664
	.quad 0xffffffc080233e90, 14675
	.quad 0xffffffc080233eb0, 14687
	.quad 0xffffffc080233ed0, 14698
	.quad 0xffffffc080233ef0, 14710
	.quad 0xffffffc080233f10, 14724
	.quad 0xffffffc080233f30, 14738
	.quad 0xffffffc080233f4a, 14752
	.quad 0xffffffc080233f64, 14766
	.quad 0xffffffc080233f80, 14777
	.quad 0xffffffc080233f9c, 14788
	.quad 0xffffffc080233fba, 14801
	.quad 0xffffffc080233fd8, 14814
	.quad 0xffffffc080234052, 14827
	.quad 0xffffffc0802340d0, 14840
	.quad 0xffffffc080234134, 14854
	.quad 0xffffffc0802341e2, 14868
	.quad 0xffffffc08023443c, 14882
	.quad 0xffffffc0802344c6, 14896
	.quad 0xffffffc08023457e, 14910
	.quad 0xffffffc0802345ac, 14921
	.quad 0xffffffc0802346ac, 14935
	.quad 0xffffffc08023476e, 14945
	.quad 0xffffffc080234856, 14956
	.quad 0xffffffc0802348c8, 14976
	.quad 0xffffffc080234be6, 14993
	.quad 0xffffffc080234c00, 15009
	.quad 0xffffffc080234e98, 15017
	.quad 0xffffffc080234f0c, 15029
	.quad 0xffffffc080235054, 15039
	.quad 0xffffffc080235200, 15050
	.quad 0xffffffc080235286, 15063
	.quad 0xffffffc080235326, 15072
	.quad 0xffffffc080235490, 15087
	.quad 0xffffffc080235538, 15106
	.quad 0xffffffc0802355c4, 15125
	.quad 0xffffffc08023560a, 15136
	.quad 0xffffffc080235640, 15149
	.quad 0xffffffc080235678, 15162
	.quad 0xffffffc0802356b0, 15175
	.quad 0xffffffc0802356e2, 15182
	.quad 0xffffffc080235718, 15197
	.quad 0xffffffc08023578e, 15217
	.quad 0xffffffc08023581c, 15228
	.quad 0xffffffc0802358d2, 15245
	.quad 0xffffffc08023591c, 15260
	.quad 0xffffffc08023594e, 15277
	.quad 0xffffffc0802359ae, 15287
	.quad 0xffffffc0802359fa, 15300
	.quad 0xffffffc080235a6c, 15319
	.quad 0xffffffc080235ac2, 15333
	.quad 0xffffffc080235b08, 15349
	.quad 0xffffffc080235b2a, 15362
	.quad 0xffffffc080235ba2, 15377
	.quad 0xffffffc080235c9e, 15393
	.quad 0xffffffc080235eb2, 15404
	.quad 0xffffffc080235f14, 15413
	.quad 0xffffffc080235f6c, 15425
	.quad 0xffffffc080235fce, 15442
	.quad 0xffffffc080235ffe, 15455
	.quad 0xffffffc0802360fe, 15472
	.quad 0xffffffc080236350, 15487
	.quad 0xffffffc080236392, 15508
	.quad 0xffffffc0802363dc, 15527
	.quad 0xffffffc08023646c, 15545
	.quad 0xffffffc08023654c, 15560
	.quad 0xffffffc080236670, 15574
	.quad 0xffffffc080236828, 15591
	.quad 0xffffffc080236afc, 15608
	.quad 0xffffffc080236be2, 15619
	.quad 0xffffffc080236cae, 15640
	.quad 0xffffffc080236d0a, 15656
	.quad 0xffffffc080236d92, 15671
	.quad 0xffffffc080236e7a, 15682
	.quad 0xffffffc080236f2e, 15698
	.quad 0xffffffc080236fbc, 15717
	.quad 0xffffffc08023700c, 15741
	.quad 0xffffffc080237032, 15754
	.quad 0xffffffc080237088, 15781
	.quad 0xffffffc080237122, 15792
	.quad 0xffffffc080237154, 15811
	.quad 0xffffffc080237188, 15834
	.quad 0xffffffc0802371c8, 15852
	.quad 0xffffffc080237200, 15865
	.quad 0xffffffc08023725a, 15880
	.quad 0xffffffc0802372de, 15896
	.quad 0xffffffc08023730c, 15908
	.quad 0xffffffc080237366, 15924
	.quad 0xffffffc080237378, 15934
	.quad 0xffffffc08023739c, 15950
	.quad 0xffffffc0802373d4, 15966
	.quad 0xffffffc080237456, 15983
	.quad 0xffffffc08023746a, 15999
	.quad 0xffffffc08023747e, 16014
	.quad 0xffffffc080237616, 16026
	.quad 0xffffffc0802376a4, 16038
	.quad 0xffffffc0802377f4, 16052
	.quad 0xffffffc080237876, 16065
	.quad 0xffffffc080237920, 16088
	.quad 0xffffffc0802379d8, 16113
	.quad 0xffffffc080237a0e, 16123
	.quad 0xffffffc080237a9e, 16136
	.quad 0xffffffc080237b1e, 16152
	.quad 0xffffffc080237c36, 16165
	.quad 0xffffffc080237cb4, 16176
	.quad 0xffffffc080237cd4, 16193
	.quad 0xffffffc080237cf0, 16204
	.quad 0xffffffc080237d10, 16223
	.quad 0xffffffc080237d30, 16233
	.quad 0xffffffc080237d7e, 16250
	.quad 0xffffffc080237d9e, 16264
	.quad 0xffffffc080237dc0, 16279
	.quad 0xffffffc080237de2, 16292
	.quad 0xffffffc080237e18, 16305
	.quad 0xffffffc080237e60, 16319
	.quad 0xffffffc080237e6e, 16334
	.quad 0xffffffc080237e7a, 16348
	.quad 0xffffffc080237e88, 16365
	.quad 0xffffffc080237e9c, 16375
	.quad 0xffffffc080237eaa, 16394
	.quad 0xffffffc080237eb6, 16405
	.quad 0xffffffc080237ec2, 16419
	.quad 0xffffffc080237ed0, 16430
	.quad 0xffffffc080237eec, 16443
	.quad 0xffffffc080237f08, 16456
	.quad 0xffffffc080237f14, 16473
	.quad 0xffffffc080238000, 16488
	.quad 0xffffffc08023803a, 16502
	.quad 0xffffffc08023807a, 16510
	.quad 0xffffffc0802380c4, 16519
	.quad 0xffffffc0802380ea, 16526
	.quad 0xffffffc08023816a, 16536
	.quad 0xffffffc0802382c0, 16575
	.quad 0xffffffc0802384a2, 16617
	.quad 0xffffffc0802385b0, 16628
	.quad 0xffffffc080238640, 16664
	.quad 0xffffffc0802386aa, 16676
	.quad 0xffffffc08023871e, 16685
	.quad 0xffffffc0802387f6, 16719
	.quad 0xffffffc0802388e0, 16764
	.quad 0xffffffc0802388f4, 16773
	.quad 0xffffffc08023890c, 16783
	.quad 0xffffffc080238920, 16790
	.quad 0xffffffc080238954, 16799
	.quad 0xffffffc080238962, 16808
	.quad 0xffffffc0802389e2, 16814
	.quad 0xffffffc080238b82, 16859
	.quad 0xffffffc080238c68, 16891
	.quad 0xffffffc080238cc0, 16904
	.quad 0xffffffc080238d24, 16918
	.quad 0xffffffc080238d7e, 16929
	.quad 0xffffffc080238dfe, 16937
	.quad 0xffffffc080238e4e, 16945
	.quad 0xffffffc080238f44, 16977
	.quad 0xffffffc080238f9a, 16988
	.quad 0xffffffc0802390e8, 17001
	.quad 0xffffffc080239120, 17014
	.quad 0xffffffc0802391b4, 17029
	.quad 0xffffffc08023940e, 17051
	.quad 0xffffffc0802395a8, 17080
	.quad 0xffffffc08023962c, 17096
	.quad 0xffffffc080239686, 17105
	.quad 0xffffffc080239898, 17140
	.quad 0xffffffc080239994, 17166
	.quad 0xffffffc0802399de, 17201
	.quad 0xffffffc080239b02, 17214
	.quad 0xffffffc080239d44, 17244
	.quad 0xffffffc080239dda, 17286
	.quad 0xffffffc080239e56, 17294
	.quad 0xffffffc08023a040, 17323
	.quad 0xffffffc08023a232, 17363
	.quad 0xffffffc08023a424, 17395
	.quad 0xffffffc08023a506, 17439
	.quad 0xffffffc08023a68a, 17467
	.quad 0xffffffc08023a8fe, 17496
	.quad 0xffffffc08023ab22, 17530
	.quad 0xffffffc08023aca2, 17556
	.quad 0xffffffc08023accc, 17567
	.quad 0xffffffc08023ad0a, 17573
	.quad 0xffffffc08023b140, 17588
	.quad 0xffffffc08023b5c0, 17611
	.quad 0xffffffc08023bfde, 17624
	.quad 0xffffffc08023c16a, 17656
	.quad 0xffffffc08023c676, 17685
	.quad 0xffffffc08023c878, 17721
	.quad 0xffffffc08023c8ca, 17739
	.quad 0xffffffc08023caee, 17763
	.quad 0xffffffc08023cbe4, 17792
	.quad 0xffffffc08023ce72, 17822
	.quad 0xffffffc08023d002, 17849
	.quad 0xffffffc08023d068, 17860
	.quad 0xffffffc08023d238, 17894
	.quad 0xffffffc08023d25a, 17917
	.quad 0xffffffc08023d65c, 17935
	.quad 0xffffffc08023d8b2, 17951
	.quad 0xffffffc08023de06, 17968
	.quad 0xffffffc08023e10e, 17982
	.quad 0xffffffc08023e194, 17993
	.quad 0xffffffc08023e2d6, 18046
	.quad 0xffffffc08023e478, 18082
	.quad 0xffffffc08023e53e, 18093
	.quad 0xffffffc08023e5da, 18110
	.quad 0xffffffc08023e5fc, 18134
	.quad 0xffffffc08023ec5a, 18143
	.quad 0xffffffc08023ed22, 18170
	.quad 0xffffffc08023ed80, 18185
	.quad 0xffffffc08023f01c, 18195
	.quad 0xffffffc08023f0a2, 18211
	.quad 0xffffffc08023f0e6, 18230
	.quad 0xffffffc08023f0fa, 18239
	.quad 0xffffffc08023f10e, 18254
	.quad 0xffffffc08023f198, 18280
	.quad 0xffffffc08023f2ec, 18291
	.quad 0xffffffc08023f364, 18300
	.quad 0xffffffc08023f38e, 18310
	.quad 0xffffffc08023f420, 18325
	.quad 0xffffffc08023f44e, 18337
	.quad 0xffffffc08023f482, 18353
	.quad 0xffffffc08023f4f8, 18369
	.quad 0xffffffc08023f508, 18382
	.quad 0xffffffc08023f532, 18395
	.quad 0xffffffc08023f546, 18415
	.quad 0xffffffc08023f57c, 18428
	.quad 0xffffffc08023f5d6, 18441
	.quad 0xffffffc08023f6b2, 18456
	.quad 0xffffffc08023f6d2, 18468
	.quad 0xffffffc08023f720, 18481
	.quad 0xffffffc08023f73e, 18493
	.quad 0xffffffc08023f776, 18508
	.quad 0xffffffc08023f790, 18525
	.quad 0xffffffc08023f79c, 18537
	.quad 0xffffffc08023f7a8, 18552
	.quad 0xffffffc08023f844, 18561
	.quad 0xffffffc08023f86a, 18570
	.quad 0xffffffc08023f8dc, 18578
	.quad 0xffffffc08023f916, 18591
	.quad 0xffffffc08023f95e, 18602
	.quad 0xffffffc08023f988, 18613
	.quad 0xffffffc08023f9aa, 18624
	.quad 0xffffffc08023f9d6, 18637
	.quad 0xffffffc08023fa00, 18651
	.quad 0xffffffc08023fa5a, 18668
	.quad 0xffffffc08023fabc, 18685
	.quad 0xffffffc08023fae6, 18707
	.quad 0xffffffc08023fb4a, 18724
	.quad 0xffffffc08023fbc4, 18739
	.quad 0xffffffc08023fbea, 18754
	.quad 0xffffffc08023fc74, 18772
	.quad 0xffffffc08023fd12, 18780
	.quad 0xffffffc08023fda4, 18790
	.quad 0xffffffc08023fdc8, 18806
	.quad 0xffffffc08023fdec, 18824
	.quad 0xffffffc08023feca, 18836
	.quad 0xffffffc08023ff66, 18846
	.quad 0xffffffc08023ffce, 18857
	.quad 0xffffffc080240070, 18874
	.quad 0xffffffc0802400c2, 18892
	.quad 0xffffffc080240116, 18909
	.quad 0xffffffc080240178, 18927
	.quad 0xffffffc0802401fa, 18944
	.quad 0xffffffc0802402da, 18961
	.quad 0xffffffc0802402fa, 18975
	.quad 0xffffffc080240336, 18995
	.quad 0xffffffc080240356, 19006
	.quad 0xffffffc080240448, 19032
	.quad 0xffffffc0802405f8, 19048
	.quad 0xffffffc0802406b4, 19059
	.quad 0xffffffc0802406da, 19082
	.quad 0xffffffc0802406f8, 19101
	.quad 0xffffffc08024074a, 19124
	.quad 0xffffffc0802407cc, 19143
	.quad 0xffffffc08024080a, 19170
	.quad 0xffffffc080240840, 19197
	.quad 0xffffffc0802408da, 19223
	.quad 0xffffffc0802409e8, 19245
	.quad 0xffffffc080240abe, 19267
	.quad 0xffffffc080240b5a, 19283
	.quad 0xffffffc080240bd4, 19299
	.quad 0xffffffc080240c86, 19310
	.quad 0xffffffc080240d9e, 19322
	.quad 0xffffffc080240dde, 19347
	.quad 0xffffffc080240e2c, 19365
	.quad 0xffffffc080240e40, 19386
	.quad 0xffffffc080240e82, 19400
	.quad 0xffffffc080240edc, 19422
	.quad 0xffffffc080240f22, 19441
	.quad 0xffffffc080240f3e, 19460
	.quad 0xffffffc080240fb4, 19479
	.quad 0xffffffc080241088, 19494
	.quad 0xffffffc080241188, 19507
	.quad 0xffffffc0802411de, 19523
	.quad 0xffffffc080241224, 19538
	.quad 0xffffffc080241244, 19553
	.quad 0xffffffc080241282, 19575
	.quad 0xffffffc080241366, 19594
	.quad 0xffffffc080241386, 19604
	.quad 0xffffffc0802413a2, 19619
	.quad 0xffffffc08024144a, 19635
	.quad 0xffffffc0802414ac, 19647
	.quad 0xffffffc0802414c4, 19658
	.quad 0xffffffc0802414d8, 19672
	.quad 0xffffffc08024161e, 19682
	.quad 0xffffffc08024163a, 19692
	.quad 0xffffffc08024167c, 19707
	.quad 0xffffffc0802416d8, 19725
	.quad 0xffffffc080241784, 19743
	.quad 0xffffffc0802417ee, 19758
	.quad 0xffffffc080241870, 19775
	.quad 0xffffffc08024191c, 19782
	.quad 0xffffffc0802419b4, 19794
	.quad 0xffffffc080241aca, 19810
	.quad 0xffffffc080241afe, 19831
	.quad 0xffffffc080241b1c, 19847
	.quad 0xffffffc080241b82, 19863
	.quad 0xffffffc080241bea, 19889
	.quad 0xffffffc080241c32, 19901
	.quad 0xffffffc080241c7a, 19912
	.quad 0xffffffc080241cae, 19928
	.quad 0xffffffc080241cbe, 19946
	.quad 0xffffffc080241d10, 19955
	.quad 0xffffffc080241d5a, 19968
	.quad 0xffffffc080241d76, 19988
	.quad 0xffffffc080241d8e, 20016
	.quad 0xffffffc080241dda, 20040
	.quad 0xffffffc080242000, 20056
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
	.asciz "dump_switched_out_backtrace"
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
	.asciz "mmap_file_checks"
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
	.asciz "ramfs_vma_close"
	.asciz "ramfs_free_pages_from"
	.asciz "ramfs_new_inode"
	.asciz "ramfs_setattr"
	.asciz "ramfs_get_link"
	.asciz "ramfs_grow_array"
	.asciz "ramfs_mmap"
	.asciz "ramfs_vma_open"
	.asciz "ramfs_fault"
	.asciz "ramfs_read"
	.asciz "ramfs_iterate"
	.asciz "ramfs_evict_inode"
	.asciz "ramfs_lookup"
	.asciz "ramfs_del_entry"
	.asciz "ramfs_rename"
	.asciz "ramfs_rmdir"
	.asciz "ramfs_unlink"
	.asciz "ramfs_write"
	.asciz "ramfs_link"
	.asciz "ramfs_mknod_inode"
	.asciz "ramfs_mkdir"
	.asciz "ramfs_create_file"
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
	.asciz "exec_map_file"
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
	.asciz "exec_file_mmap"
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
	.asciz "signal_process.isra.0"
	.asciz "signal_thread"
	.asciz "sys_kill"
	.asciz "sys_tkill"
	.asciz "sys_tgkill"
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
	.asciz "pid_dump_tasks"
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
	.asciz "task_exit_begin"
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

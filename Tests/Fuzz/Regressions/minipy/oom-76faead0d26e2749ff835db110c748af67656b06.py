import torch
import math
y1 = [[float('nan')], not ('hello world'), '%.999999999f' % 9999999]
y1.remove([])


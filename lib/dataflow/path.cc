// placeholder: replaced by the dataflow implementation

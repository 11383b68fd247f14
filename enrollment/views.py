from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def applicant_home(request):
    return render(request, "enrollment/applicant_home.html")
